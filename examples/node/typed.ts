// Strict TypeScript: the string-literal unions of the rules' codes, evaluate typed by its rule, the
// result types. `npm run build` compiles it with `tsc --strict`; a misspelt code would not compile.
import {
  evaluate,
  mutualAidEnroll,
  checkupQuote,
  type Tier,
  type Package,
  type Money,
  type MutualAidEnrollResult,
} from 'shftu-rules'

const tiers: Tier[] = ['C', 'D', 'E']
for (const tier of tiers) {
  const r: MutualAidEnrollResult = mutualAidEnroll({ tier, channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' })
  const fee: Money | null = r.fee
  console.log('ts', tier, r.accepted, fee)
}

const packages: Package[] = ['L1', 'cardio']
const q = checkupQuote({ lines: packages.map((p) => ({ package: p, count: 1 })) })
console.log('ts', q.total.price)

const r = evaluate({ rule: 'checkup.quote', input: { lines: [{ package: 'stroke', count: 1 }] }, lang: 'zh-CN' })
if (r.ok) {
  const payable: Money = r.result.total.payable // typed as checkup.quote's result
  console.log('ts', r.rule, payable)
} else {
  console.log('ts', r.error.code)
}
