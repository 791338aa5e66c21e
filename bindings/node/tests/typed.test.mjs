// The typed API: one function per rule of the registry, answering what evaluate answers for every
// conformance vector (the same result, the same trace, or the same error as its ShftuError subclass), in
// English and in Chinese, plus worked examples of its options and its reading of JavaScript values.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import * as shftu from '../generated/index.mjs'
import { vectorFiles, canon, typedName, hasUnsafeNumber, inLang } from './helpers.mjs'

const CLASS_OF_CODE = Object.fromEntries(
  [...shftu.errorCodes(), 'internal_error'].map((code) => [code, Object.values(shftu).find((v) => v?.code === code && v.prototype instanceof shftu.ShftuError)]),
)

test('every rule of the registry has its typed function, and there is no other', () => {
  const ids = shftu.rules().map((r) => r.id)
  const missing = ids.filter((id) => typeof shftu[typedName(id)] !== 'function')
  assert.deepEqual(missing, [])
  assert.deepEqual(
    ids.map(typedName),
    shftu.describe().rules.map((r) => typedName(r.id)),
  )
  for (const id of ids) assert.equal(shftu[typedName(id)].name, typedName(id))
})

/** A vector the typed API can be asked: an object request naming a rule, with an input. */
function askable(c) {
  const r = c.request
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return false
  if (typeof r.rule !== 'string' || !('input' in r)) return false
  if (Object.keys(r).some((k) => !['rule', 'input', 'edition', 'lang', 'trace'].includes(k))) return false
  for (const k of ['edition', 'lang', 'trace']) if (k in r && typeof r[k] !== 'string' && r[k] !== null) return false
  return typeof shftu[typedName(r.rule)] === 'function'
}

/** The typed call of `request`'s rule with its options, answered in the envelope's shape. */
function typedAnswer(request) {
  const fn = shftu[typedName(request.rule)]
  const options = { trace: request.trace ?? 'notes' }
  if (request.edition != null) options.edition = request.edition
  if (request.lang != null) options.lang = request.lang
  try {
    const result = fn(request.input, options)
    return { ok: true, result, trace: result.trace }
  } catch (e) {
    assert.ok(e instanceof shftu.ShftuError, `not a ShftuError: ${e?.name}: ${e?.message}`)
    assert.ok(e instanceof CLASS_OF_CODE[e.code], `${e.name} for ${e.code}`)
    assert.ok(e instanceof Error)
    return { ok: false, error: { code: e.code, message: e.message, path: e.path } }
  }
}

/** The typed call must answer as the response does. */
function agrees(request, response) {
  const t = typedAnswer(request)
  if (response.ok) {
    assert.equal(t.ok, true, JSON.stringify(t.error))
    assert.equal(canon(t.result), canon(response.result))
    assert.equal(canon(t.trace), canon(response.trace))
  } else {
    assert.deepEqual(t, { ok: false, error: response.error })
  }
}

for (const { file, cases } of vectorFiles()) {
  const asked = cases.filter((c) => c.response !== undefined && askable(c))
  if (asked.length === 0) continue
  describe(`typed API on ${file}`, () => {
    for (const c of asked) {
      test(c.name, () => {
        if (hasUnsafeNumber(c.request.input)) {
          // The typed API refuses numbers that are not safe integers, whatever the rule would say.
          assert.throws(
            () => shftu[typedName(c.request.rule)](c.request.input),
            (e) => e instanceof shftu.InvalidInputError && /binary floating-point/.test(e.message),
          )
          return
        }
        agrees(c.request, c.response)
        const zh = inLang(c.request, 'zh-CN')
        // In Chinese, the typed API answers as evaluate does (its recorded response_zh-CN when there is one).
        if (zh) agrees(zh, c['response_zh-CN'] ?? shftu.evaluate(zh))
      })
    }
  })
}

const ENROL = { tier: 'E', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-05-01' }

test('mutualAidEnroll: a courier joining tier E through a group in March', () => {
  const r = shftu.mutualAidEnroll(ENROL)
  assert.deepEqual(r, {
    accepted: true,
    reasons: [],
    coverage_start: '2023-04-01',
    coverage_end: '2023-12-31',
    months: 9,
    fee: '72.00',
    fee_kind: 'premium',
  })
  assert.equal(r.trace, undefined, 'no trace unless asked for')
})

test('checkupQuote: money comes back as decimal strings; a package by its Chinese name', () => {
  const q = shftu.checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: '心功能', count: 1 }] })
  assert.equal(q.lines.length, 2)
  assert.equal(q.lines[1].package, 'cardio')
  for (const v of [q.total.price, q.total.subsidy, q.total.payable, ...q.lines.map((l) => l.unit_price)]) {
    assert.match(v, /^\d+\.\d\d$/)
  }
  assert.deepEqual(q, shftu.checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: 'cardio', count: 1 }] }))
})

test('a safe-integer number is accepted for money, and means the same as its string', () => {
  const a = shftu.loveShanghaiGoodsCheck({ spent_per_person: 120, amount_per_person: 80 })
  const b = shftu.loveShanghaiGoodsCheck({ spent_per_person: '120.00', amount_per_person: '80' })
  assert.deepEqual(a, b)
  assert.equal(a.remaining_before, '380.00')
})

test('a fractional number for money is refused, with a message from the catalogue that speaks of no "fen"', () => {
  for (const bad of [80.5, 0.1 + 0.2, 1e300, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity]) {
    assert.throws(
      () => shftu.loveShanghaiGoodsCheck({ spent_per_person: '120.00', amount_per_person: bad }),
      (e) => {
        assert.ok(e instanceof shftu.InvalidInputError)
        assert.equal(e.code, 'invalid_input')
        assert.equal(e.path, 'input.amount_per_person')
        assert.match(e.message, /decimal string/)
        assert.doesNotMatch(e.message, /\bfen\b/)
        assert.equal(e.message, e.message.trim())
        return true
      },
    )
  }
  assert.throws(
    () => shftu.loveShanghaiGoodsCheck({ spent_per_person: 80.5, amount_per_person: '1' }),
    (e) => e.message.startsWith('input.spent_per_person is 80.5, a binary floating-point number'),
  )
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

test('options: the trace comes with the result, as a property of its own that is not one of its fields', () => {
  for (const mode of ['notes', 'full']) {
    const r = shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { trace: mode })
    assert.deepEqual(Object.keys(r), ['subsidy'])
    assert.equal(JSON.stringify(r), '{"subsidy":"450.00"}')
    assert.ok(Array.isArray(r.trace) && r.trace.length > 0)
    const envelope = shftu.evaluate({ rule: 'labor_relations.guidance_subsidy', input: { person_days: 3 }, trace: mode })
    assert.deepEqual(r.trace, envelope.trace)
    if (mode === 'full') assert.ok(r.trace.every((s) => typeof s.code === 'string' && Array.isArray(s.params)))
    else assert.ok(r.trace.every((s) => Object.keys(s).join() === 'clause,note'))
  }
  assert.equal(shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { trace: 'off' }).trace, undefined)
  // Each result carries its own trace: two results never share one.
  const a = shftu.mutualAidEnroll(ENROL, { trace: 'notes' })
  const b = shftu.mutualAidEnroll({ ...ENROL, tier: 'D' }, { trace: 'notes' })
  assert.notDeepEqual(a.trace, b.trace)
})

test('options: the deprecated trace array still gets the steps appended', () => {
  const trace = [{ clause: 'mine', note: 'kept' }]
  const r = shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, { edition: '2023', trace })
  assert.equal(r.subsidy, '450.00')
  assert.equal(trace[0].clause, 'mine')
  assert.deepEqual(trace.slice(1), r.trace)
  for (const s of trace) assert.deepEqual(Object.keys(s), ['clause', 'note'])
})

test('options: edition, lang and trace are checked, in the order the wire contract checks them', () => {
  const call = (o) => () => shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, o)
  assert.throws(call({ edition: '2019' }), (e) => e instanceof shftu.UnknownEditionError && e.path === 'edition' && /2023/.test(e.message))
  assert.throws(call({ edition: 2023 }), (e) => e instanceof shftu.InvalidInputError && e.path === 'edition')
  assert.throws(call({ trace: 'x' }), (e) => e instanceof shftu.InvalidInputError && e.path === 'trace')
  assert.throws(call({ trace: {} }), (e) => e instanceof shftu.InvalidInputError && e.path === 'trace')
  assert.throws(call({ lang: 'fr' }), (e) => e instanceof shftu.InvalidInputError && e.path === 'lang' && /"fr"/.test(e.message))
  assert.throws(call({ lang: 1 }), (e) => e instanceof shftu.InvalidInputError && e.path === 'lang')
  // An error after the language is written in it.
  assert.throws(call({ lang: 'zh-CN', edition: '2019' }), (e) => e instanceof shftu.UnknownEditionError && /版本/.test(e.message))
  assert.throws(
    () => shftu.checkupQuote({ lines: [{ package: 'L9', count: 1 }] }, { lang: 'zh-CN' }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.lines[0].package' && /不是/.test(e.message),
  )
  for (const bad of ['2023', 5, true, []]) {
    assert.throws(call(bad), (e) => e instanceof shftu.InvalidInputError && e.path === 'options')
  }
  assert.equal(shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, null).subsidy, '450.00')
  assert.equal(shftu.laborRelationsGuidanceSubsidy({ person_days: 3 }, {}).subsidy, '450.00')
})

test('the trace in Chinese: clauses cited as a clerk cites them', () => {
  const r = shftu.checkupQuote({ lines: [{ package: 'L1', count: 1 }] }, { lang: 'zh-CN', trace: 'notes' })
  assert.ok(r.trace.some((s) => s.clause.startsWith('沪工总办〔2023〕15号')), JSON.stringify(r.trace))
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
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.days' && /another type/.test(e.message),
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
  // The reader follows the rule's shape: an input nested without end is refused at its first unknown field.
  const deep = {}
  let at = deep
  for (let i = 0; i < 200; i++) at = at.x = {}
  assert.throws(() => shftu.calendarAddWorkingDays(deep), (e) => e instanceof shftu.InvalidInputError && e.path === 'input.x')
  const cyclic = { from: '2023-01-03', days: 1 }
  cyclic.self = cyclic
  assert.throws(() => shftu.calendarAddWorkingDays(cyclic), (e) => e instanceof shftu.InvalidInputError && e.path === 'input.self')
})

test('rules whose fields are all optional take no input at all', () => {
  const all = shftu.checkupPackages()
  assert.ok(all.packages.length >= 9)
  assert.deepEqual(shftu.checkupPackages(null), all)
  const special = shftu.checkupPackages({ kind: 'special' })
  assert.ok(special.packages.every((p) => p.kind === 'special'))
})

test('limits: an input past one is limit_exceeded, naming the limit, the value and the path', () => {
  const claim = { benefit: 'accident_consolation', event_date: '2023-03-01', filed_on: '2023-04-01' }
  const policy = { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' }
  assert.throws(
    () => shftu.mutualAidAdjudicate({ policy, claims: new Array(1001).fill(claim) }),
    (e) => {
      assert.ok(e instanceof shftu.LimitExceededError)
      assert.equal(e.code, 'limit_exceeded')
      assert.equal(e.path, 'input.claims')
      assert.match(e.message, /1001/)
      assert.match(e.message, /claims/)
      return true
    },
  )
  assert.equal(shftu.mutualAidAdjudicate({ policy, claims: new Array(1000).fill(claim) }).decisions.length, 1000)
})
