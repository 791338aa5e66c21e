// Type-checked (not run) by tests/types.test.mjs with `tsc --strict`: the generated declarations describe
// the API, and their string-literal unions catch misspelt tiers, packages and channels at compile time.
import {
  evaluate,
  evaluateMany,
  explain,
  mutualAidEnroll,
  checkupQuote,
  checkupPackages,
  mutualAidAdjudicate,
  enumValues,
  ShftuError,
  InvalidInputError,
  LimitExceededError,
  type Money,
  type Tier,
  type Package,
  type MutualAidEnrollResult,
  type TraceStep,
  type Response,
} from 'shftu-rules'

const e: MutualAidEnrollResult = mutualAidEnroll(
  { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' },
  { edition: '2023', lang: 'zh-CN', trace: 'notes' },
)
const fee: Money | null = e.fee
const steps: TraceStep[] | undefined = mutualAidEnroll(
  { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' },
  { trace: 'full' },
).trace
const legacy: TraceStep[] = []
mutualAidEnroll({ tier: 'D', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' }, { trace: legacy })
const tiers: Tier[] = ['C', 'D', 'E']
const packages: Package[] = enumValues().Package

// Codes by the plan's own names are accepted in inputs; results echo the code.
const q = checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: '心功能', count: 1 }] })
const payable: Money = q.total.payable
const first: Package | undefined = q.lines[0]?.package
checkupPackages()

const a = mutualAidAdjudicate({
  policy: { tier: 'D', coverage_start: '2023-01-01', coverage_end: '2023-12-31' },
  claims: [{ benefit: 'ci_medical_subsidy', event_date: '2023-03-01', filed_on: '2023-03-10', amount: '2500.50' }],
})
const status: 'paid' | 'partially_paid' | 'rejected' | undefined = a.decisions[0]?.status

// evaluate: the request is checked against its rule's input, the response typed by its rule.
const r = evaluate({ rule: 'checkup.quote', input: { lines: [{ package: 'L2', count: 1 }] }, lang: 'zh-CN' })
if (r.ok) {
  const total: Money = r.result.total.price
  const rule: 'checkup.quote' = r.rule
} else {
  const code: 'invalid_json' | 'unknown_rule' | 'unknown_edition' | 'invalid_input' | 'calendar_unavailable' | 'limit_exceeded' = r.error.code
}
const text: Response = evaluate('{"rule":"checkup.packages","input":{}}')
if (text.ok && text.rule === 'mutual_aid.enroll') {
  const accepted: boolean = text.result.accepted
}
const many: Response[] = evaluateMany(['{}', { rule: 'calendar.add_working_days', input: { from: '2023-01-03', days: 1 } }])
const clerk: string = explain(r, 'zh-CN')

try {
  checkupQuote({ lines: [] })
} catch (err) {
  if (err instanceof InvalidInputError) {
    const path: string | null = err.path
    const code: 'invalid_input' = err.code
  } else if (err instanceof LimitExceededError) {
    const code: 'limit_exceeded' = err.code
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
// @ts-expect-error: 'L9' is not a package, in evaluate either
evaluate({ rule: 'checkup.quote', input: { lines: [{ package: 'L9', count: 1 }] } })
// @ts-expect-error: no such rule
evaluate({ rule: 'checkup.quotes', input: {} })
// @ts-expect-error: not a language of the catalogue
mutualAidEnroll({ tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' }, { lang: 'fr' })

export { fee, steps, tiers, packages, payable, first, status, many, clerk, n }
