// The typed API: one function per rule, answering what evaluate answers for every conformance vector
// (the same result, the same trace, or the same error as its ShftuError subclass), plus worked examples.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import * as shftu from '../index.mjs'
import { vectorFiles, canon, typedName, hasUnsafeNumber } from './helpers.mjs'

const CLASS_OF_CODE = {
  invalid_json: shftu.InvalidJsonError,
  unknown_rule: shftu.UnknownRuleError,
  unknown_edition: shftu.UnknownEditionError,
  invalid_input: shftu.InvalidInputError,
  calendar_unavailable: shftu.CalendarUnavailableError,
}

test('every rule of the catalogue has its typed function', () => {
  const missing = shftu.rules().map((r) => r.id).filter((id) => typeof shftu[typedName(id)] !== 'function')
  assert.deepEqual(missing, [], `rules without a typed function in bindings/node: ${missing.join(', ')}`)
})

/** A vector the typed API can be asked: an object request naming a rule, with an input. */
function askable(c) {
  const r = c.request
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return false
  if (typeof r.rule !== 'string' || !('input' in r)) return false
  if (Object.keys(r).some((k) => !['rule', 'input', 'edition'].includes(k))) return false
  if ('edition' in r && typeof r.edition !== 'string' && r.edition !== null) return false
  return typeof shftu[typedName(r.rule)] === 'function'
}

for (const { file, cases } of vectorFiles()) {
  const asked = cases.filter((c) => c.response !== undefined && askable(c))
  if (asked.length === 0) continue
  describe(`typed API on ${file}`, () => {
    for (const c of asked) {
      test(c.name, () => {
        const fn = shftu[typedName(c.request.rule)]
        const trace = []
        const options = { trace }
        if (typeof c.request.edition === 'string') options.edition = c.request.edition
        const call = () => fn(c.request.input, options)
        if (hasUnsafeNumber(c.request.input)) {
          // The typed API refuses numbers that are not safe integers, whatever the rule would say.
          assert.throws(call, (e) => e instanceof shftu.InvalidInputError && e.code === 'invalid_input' && /safe integer/.test(e.message))
          return
        }
        if (c.response.ok) {
          assert.equal(canon(call()), canon(c.response.result))
          assert.equal(canon(trace), canon(c.response.trace))
        } else {
          const { code, message, path } = c.response.error
          assert.throws(call, (e) => {
            assert.ok(e instanceof CLASS_OF_CODE[code], `${e.name} for ${code}`)
            assert.ok(e instanceof shftu.ShftuError)
            assert.ok(e instanceof Error)
            assert.equal(e.code, code)
            assert.equal(e.path, path)
            assert.equal(e.message, message)
            return true
          })
        }
      })
    }
  })
}

test('mutualAidEnroll: a courier joining tier E through a group in March', () => {
  const r = shftu.mutualAidEnroll({
    tier: 'E',
    channel: 'group',
    date: '2023-03-15',
    industry: 'courier',
    birth_date: '1990-05-01',
  })
  assert.deepEqual(r, {
    accepted: true,
    reasons: [],
    coverage_start: '2023-04-01',
    coverage_end: '2023-12-31',
    months: 9,
    fee: '72.00',
    fee_kind: 'premium',
  })
})

test('checkupQuote: money comes back as decimal strings', () => {
  const q = shftu.checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: 'cardio', count: 1 }] })
  assert.equal(q.lines.length, 2)
  for (const v of [q.total.price, q.total.subsidy, q.total.payable, ...q.lines.map((l) => l.unit_price)]) {
    assert.match(v, /^\d+\.\d\d$/)
  }
})

test('a safe-integer number is accepted for money, and means the same as its string', () => {
  const a = shftu.loveShanghaiGoodsCheck({ spent_per_person: 120, amount_per_person: 80 })
  const b = shftu.loveShanghaiGoodsCheck({ spent_per_person: '120.00', amount_per_person: '80' })
  assert.deepEqual(a, b)
  assert.equal(a.remaining_before, '380.00')
})

test('a fractional number for money is refused: it cannot carry exact fen', () => {
  for (const bad of [80.5, 0.1 + 0.2, 1e300, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity]) {
    assert.throws(
      () => shftu.loveShanghaiGoodsCheck({ spent_per_person: '120.00', amount_per_person: bad }),
      (e) => {
        assert.ok(e instanceof shftu.InvalidInputError)
        assert.equal(e.code, 'invalid_input')
        assert.equal(e.path, 'input.amount_per_person')
        assert.match(e.message, /decimal string/)
        return true
      },
    )
  }
  // The same amount as a string is fine.
  assert.equal(shftu.loveShanghaiGoodsCheck({ spent_per_person: '120.00', amount_per_person: '80.50' }).excess, '0.00')
})

test('the path of a refused number inside an array names its element', () => {
  assert.throws(
    () =>
      shftu.mutualAidAdjudicate({
        policy: { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' },
        claims: [
          { benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-10', days: 3 },
          { benefit: 'ci_medical_subsidy', event_date: '2023-03-01', filed_on: '2023-03-10', amount: 2500.5 },
        ],
      }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.claims[1].amount',
  )
})

test('options: an edition and a trace', () => {
  const trace = [{ clause: 'mine', note: 'kept' }]
  const r = shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { edition: '2023', trace })
  assert.equal(r.subsidy, '450.00')
  assert.equal(trace[0].clause, 'mine')
  assert.ok(trace.length > 1)
  for (const s of trace) assert.deepEqual(Object.keys(s), ['clause', 'note'])
  assert.throws(
    () => shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { edition: '2019' }),
    (e) => e instanceof shftu.UnknownEditionError && e.path === 'edition' && /2023/.test(e.message),
  )
  assert.throws(
    () => shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { edition: 2023 }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'edition',
  )
  assert.throws(
    () => shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { trace: 'x' }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'trace',
  )
})

test('dates are YYYY-MM-DD strings; an impossible date names its path', () => {
  assert.deepEqual(shftu.calendarAddWorkingDays({ from: '2023-09-28', days: 1 }), { date: '2023-10-07' })
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: '2023-02-30', days: 1 }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.from',
  )
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: '2031-01-02', days: 1 }),
    (e) => e instanceof shftu.CalendarUnavailableError && e.code === 'calendar_unavailable',
  )
})

test('input values JSON has not: refused with their path; undefined fields are left out', () => {
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: '2023-01-03', days: 1n }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.days' && /bigint/.test(e.message),
  )
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: () => 1, days: 1 }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.from',
  )
  assert.deepEqual(shftu.calendarAddWorkingDays({ from: '2023-01-03', days: 1, extra: undefined }), { date: '2023-01-04' })
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: '2023-01-03', days: 1, extra: 1 }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.extra',
  )
  const deep = {}
  let at = deep
  for (let i = 0; i < 200; i++) at = at.x = {}
  assert.throws(() => shftu.calendarAddWorkingDays(deep), shftu.InvalidInputError)
  const cyclic = { from: '2023-01-03', days: 1 }
  cyclic.self = cyclic
  assert.throws(() => shftu.calendarAddWorkingDays(cyclic), shftu.InvalidInputError)
})

test('checkupPackages takes no input at all', () => {
  const all = shftu.checkupPackages()
  assert.ok(all.packages.length >= 9)
  const special = shftu.checkupPackages({ kind: 'special' })
  assert.ok(special.packages.every((p) => p.kind === 'special'))
})

test('options that are not an object are refused', () => {
  assert.throws(
    () => shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, '2023'),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'options',
  )
  assert.equal(shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, null).subsidy, '450.00')
})
