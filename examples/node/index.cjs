// CommonJS: the same package through require, and a batch over columns.
const { mutualAidEnroll, batch, LimitExceededError } = require('shftu-rules')

const e = mutualAidEnroll({ tier: 'D', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' })
console.log('cjs', e.accepted, e.fee, e.fee_kind)

const split = batch.checkupQuote({ package: ['L1', 'cardio', null], count: new Int32Array([2, 1, 1]) })
console.log('cjs', split.payable.join(' '), split.error_code.join(' '))

try {
  const claim = { benefit: 'accident_consolation', event_date: '2023-03-01', filed_on: '2023-04-01' }
  require('shftu-rules').mutualAidAdjudicate({
    policy: { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' },
    claims: new Array(1001).fill(claim),
  })
} catch (err) {
  console.log('cjs', err instanceof LimitExceededError, err.path)
}
