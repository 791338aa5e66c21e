// Type-checked (not run) by tests/types.test.mjs with `tsc --strict`: index.d.ts describes the API, and its
// string-literal unions catch misspelt tiers, packages and channels at compile time.
import {
  evaluate,
  evaluateMany,
  mutualAidEnroll,
  checkupQuote,
  mutualAidAdjudicate,
  ShftuError,
  InvalidInputError,
  type Money,
  type Tier,
  type MutualAidEnrollResult,
  type TraceStep,
} from 'shftu-rules'

const trace: TraceStep[] = []
const e: MutualAidEnrollResult = mutualAidEnroll(
  { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' },
  { edition: '2023', trace },
)
const fee: Money | null = e.fee
const tiers: Tier[] = ['C', 'D', 'E']

const q = checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: 'cardio', count: 1 }] })
const payable: Money = q.total.payable

const a = mutualAidAdjudicate({
  policy: { tier: 'D', coverage_start: '2023-01-01', coverage_end: '2023-12-31' },
  claims: [{ benefit: 'ci_medical_subsidy', event_date: '2023-03-01', filed_on: '2023-03-10', amount: '2500.50' }],
})
const status: 'paid' | 'partially_paid' | 'rejected' | undefined = a.decisions[0]?.status

const r = evaluate({ rule: 'checkup.quote', input: { lines: [] } })
if (r.ok) {
  const result: Record<string, unknown> = r.result
} else {
  const code: string = r.error.code
}
const many = evaluateMany(['{}', { rule: 'x', input: {} }])

try {
  checkupQuote({ lines: [] })
} catch (err) {
  if (err instanceof InvalidInputError) {
    const path: string | null = err.path
  } else if (err instanceof ShftuError) {
    const code = err.code
  }
}

// @ts-expect-error: 'F' is not a tier
mutualAidEnroll({ tier: 'F', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' })
// @ts-expect-error: 'L9' is not a package
checkupQuote({ lines: [{ package: 'L9', count: 1 }] })
// @ts-expect-error: the channel is required
mutualAidEnroll({ tier: 'E', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' })
// @ts-expect-error: money comes back as a string, not a number
const n: number = q.total.price

export { fee, tiers, payable, status, many, n }
