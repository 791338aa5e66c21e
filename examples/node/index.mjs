// ESM: the wire contract, a typed function, a Chinese name for a code, a clerk's explanation, an error.
import { evaluate, mutualAidEnroll, checkupQuote, explain, InvalidInputError } from 'shftu-rules'

const deadline = evaluate({ rule: 'mutual_aid.claim_deadline', input: { benefit: 'disease_death', coverage_end: '2023-12-31' } })
console.log('esm', deadline.ok && deadline.result.last_day)

const e = mutualAidEnroll({ tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' })
console.log('esm', e.accepted, e.coverage_start, e.fee)

const q = checkupQuote({ lines: [{ package: '心功能', count: 2 }] }, { trace: 'notes' })
console.log('esm', q.lines[0].package, q.total.payable, q.trace.length > 0)

console.log('esm', explain(deadline, 'zh-CN').includes('2024年7月1日'))

try {
  checkupQuote({ lines: [{ package: 'L9', count: 1 }] })
} catch (err) {
  console.log('esm', err instanceof InvalidInputError, err.code, err.path)
}
