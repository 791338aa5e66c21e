// Speed of the Node binding, with tinybench: one call per request (a typed function, evaluateJson on
// text, evaluate on an object), batches of requests (evaluateManyJson, evaluateMany), and the batch
// kernels over columns. Build the addon first (cd bindings/node && npm ci && npm run build), then:
//
//   cd benches/node && npm ci && node bench.mjs [seconds per case, default 1]
//
// A task runs its call `CALLS` times per sample (a single microsecond call is too short to time alone);
// the figures are per call (or per row / request). Printed as the Markdown table of benches/README.md:
// the median, the mean, and the fastest sample (what the machine does when nothing else runs), with the
// load average, since on a shared machine the median moves with the other work.
import { Bench } from 'tinybench'
import { createRequire } from 'node:module'
import { loadavg, cpus } from 'node:os'

const shftu = createRequire(import.meta.url)('../../bindings/node/index.js')
const seconds = Number(process.argv[2] ?? 1)

const enrollInput = { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' }
const enroll = { rule: 'mutual_aid.enroll', input: enrollInput }
const enrollText = JSON.stringify(enroll)
const adjudicateInput = {
  policy: { tier: 'D', coverage_start: '2023-01-01', coverage_end: '2023-12-31', changes: [{ to: 'E', effective_from: '2023-06-01' }] },
  claims: [
    { benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-20', days: 10 },
    { benefit: 'critical_illness', event_date: '2023-07-01', filed_on: '2023-07-20' },
    { benefit: 'ci_medical_subsidy', event_date: '2023-07-02', filed_on: '2023-07-20', amount: '50000.00' },
    { benefit: 'accident_disability', event_date: '2023-08-01', filed_on: '2023-08-20', grade: 3 },
  ],
}
const adjudicate = { rule: 'mutual_aid.adjudicate', input: adjudicateInput }
// The enrol/adjudicate mix: 1,000 requests, every other one a four-claim adjudication.
const batch = Array.from({ length: 1000 }, (_, i) => (i % 2 ? enroll : adjudicate))
const batchText = batch.map((r) => JSON.stringify(r))

// Columns of a million rows for the kernels; a population of 10,000 claim rows.
const ROWS = 1_000_000
const packageCodes = new Uint8Array(ROWS).map((_, i) => i % 9)
const counts = new Int32Array(ROWS).map((_, i) => 1 + (i % 5))
const starts = new Int32Array(ROWS).map((_, i) => 19358 + (i % 300)) // 2023-01-01 + 0..299 days
const policyIds = new Uint32Array(ROWS).map((_, i) => i % 350_000)
const days = new Int32Array(ROWS).map((_, i) => 1 + (i % 40))
const claimRows = Array.from({ length: 10_000 }, (_, i) => ({
  policy_id: i % 2500,
  tier: 'E',
  coverage_start: '2023-01-01',
  coverage_end: '2023-12-31',
  benefit: i % 3 ? 'hospital_days' : 'accident_consolation',
  event_date: '2023-03-01',
  filed_on: '2023-04-01',
  ...(i % 3 ? { days: 1 + (i % 30) } : {}),
}))
const enrollRows = Array.from({ length: 10_000 }, () => enrollInput)

const CALLS = 100
const cases = [
  // [name, per-sample function, units per sample, unit]
  ['`mutualAidEnroll(input)`, typed', () => { for (let i = 0; i < CALLS; i++) shftu.mutualAidEnroll(enrollInput) }, CALLS, 'call'],
  ['`mutualAidEnroll(input, {trace: "notes"})`', () => { for (let i = 0; i < CALLS; i++) shftu.mutualAidEnroll(enrollInput, { trace: 'notes' }) }, CALLS, 'call'],
  ['`evaluateJson(text)`, one enrolment', () => { for (let i = 0; i < CALLS; i++) shftu.evaluateJson(enrollText) }, CALLS, 'call'],
  ['`evaluate(object)`, one enrolment', () => { for (let i = 0; i < CALLS; i++) shftu.evaluate(enroll) }, CALLS, 'call'],
  ['`mutualAidAdjudicate(input)`, 4 claims', () => { for (let i = 0; i < CALLS; i++) shftu.mutualAidAdjudicate(adjudicateInput) }, CALLS, 'call'],
  ['`evaluateManyJson(1000 texts)`, enrol/adjudicate', () => shftu.evaluateManyJson(batchText), batch.length, 'request'],
  ['`evaluateMany(1000 objects)`, enrol/adjudicate', () => shftu.evaluateMany(batch), batch.length, 'request'],
  ['`batch.checkupQuote`, 1M rows, fen', () => shftu.batch.checkupQuote({ package: packageCodes, count: counts }, { money: 'fen' }), ROWS, 'row'],
  ['`batch.checkupQuote`, 1M rows, payable only, fen', () => shftu.batch.checkupQuote({ package: packageCodes, count: counts }, { money: 'fen', columns: ['payable'] }), ROWS, 'row'],
  ['`batch.ePremium`, 1M rows, fen', () => shftu.batch.ePremium({ coverage_start: starts }, { money: 'fen' }), ROWS, 'row'],
  ['`batch.hospitalDays`, 1M rows, 350k policies, fen', () => shftu.batch.hospitalDays({ policy_id: policyIds, days }, { tier: 'E', money: 'fen' }), ROWS, 'row'],
  ['`batch.adjudicate`, 10k claim rows, 2,500 policies', () => shftu.batch.adjudicate(claimRows), claimRows.length, 'row'],
  ['`batch.enroll`, 10k rows', () => shftu.batch.enroll(enrollRows), enrollRows.length, 'row'],
]

const only = process.env.SHFTU_BENCH_ONLY
const bench = new Bench({ name: 'shftu-rules node', time: seconds * 1000, warmupTime: 200 })
const units = new Map()
for (const [name, fn, n, unit] of cases) {
  if (only && !name.includes(only)) continue
  bench.add(name, fn)
  units.set(name, [n, unit])
}
await bench.run()

const fmt = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end, ${seconds} s per case`)
console.log('')
console.log('| case | median per unit | mean per unit | fastest sample per unit | units/s (median) |')
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const task of bench.tasks) {
  const [n, unit] = units.get(task.name)
  const l = task.result.latency // milliseconds per sample
  const per = (ms) => (ms * 1e6) / n
  const rate = Math.round(n / (l.p50 / 1000)).toLocaleString('en')
  console.log(`| ${task.name} | ${fmt(per(l.p50))}/${unit} | ${fmt(per(l.mean))} | ${fmt(per(l.min))} | ${rate} ${unit}s/s |`)
}
