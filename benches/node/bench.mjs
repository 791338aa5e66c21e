// Throughput of the Node binding: one call per request (evaluate on an object, evaluateJson on text, a
// typed function) and evaluateMany over a batch. Build the addon first (cd bindings/node && npm run build).
// Usage: node benches/node/bench.mjs [seconds per case, default 2]
import { performance } from 'node:perf_hooks'
import { createRequire } from 'node:module'

const shftu = createRequire(import.meta.url)('../../bindings/node/index.js')
const seconds = Number(process.argv[2] ?? 2)

const enrollInput = { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' }
const enroll = { rule: 'mutual_aid.enroll', input: enrollInput }
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
const enrollText = JSON.stringify(enroll)
const batch = Array.from({ length: 1000 }, (_, i) => (i % 2 ? enroll : adjudicate))
const batchText = batch.map((r) => JSON.stringify(r))

function run(name, perCall, fn) {
  for (let i = 0; i < 2000; i++) fn() // warm up
  let calls = 0
  const start = performance.now()
  const until = start + seconds * 1000
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) fn()
    calls += 100
  }
  const elapsed = (performance.now() - start) / 1000
  const rps = (calls * perCall) / elapsed
  console.log(`| ${name} | ${Math.round(rps).toLocaleString('en')} | ${((1e6 / rps)).toFixed(2)} |`)
}

console.log(`node ${process.version}, ${seconds} s per case`)
console.log('| case | requests/s | µs/request |')
console.log('| --- | ---: | ---: |')
run('evaluate(object) mutual_aid.enroll', 1, () => shftu.evaluate(enroll))
run('evaluateJson(text) mutual_aid.enroll', 1, () => shftu.evaluateJson(enrollText))
run('mutualAidEnroll(input) (typed)', 1, () => shftu.mutualAidEnroll(enrollInput))
run('evaluate(object) mutual_aid.adjudicate, 4 claims', 1, () => shftu.evaluate(adjudicate))
run('mutualAidAdjudicate(input) (typed), 4 claims', 1, () => shftu.mutualAidAdjudicate(adjudicateInput))
run('evaluateMany(1000 objects), enroll/adjudicate', batch.length, () => shftu.evaluateMany(batch))
run('evaluateManyJson(1000 texts), enroll/adjudicate', batch.length, () => shftu.evaluateManyJson(batchText))
