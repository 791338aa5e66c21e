// Hardening of the Node binding (issue 8), as bindings/python/tests/test_hardening.py does for Python:
// hostile input through every entry point (evaluate, evaluateJson, evaluateMany, evaluateManyJson and the
// typed functions), eight worker threads against a sequential run, and resident memory over a million
// evaluations. Each test checks an answer, not just survival: every hostile request must come back as the
// error envelope with its code (or its ShftuError subclass from a typed function) or as a result.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as shftu from '../generated/index.mjs'
import { repo, here, canon, typedName } from './helpers.mjs'

const SAMPLES = readFileSync(join(repo, 'spec', 'examples', 'requests.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
const REQUESTS = SAMPLES.map((l) => JSON.parse(l))

// The memory check runs in a process of its own (so that nothing else moves its resident memory), started
// now so that it runs beside the hostile-input tests on the second core; its test awaits it at the end.
const rssChild = runRssChild()
rssChild.catch(() => {}) // reported by its test, not as an unhandled rejection

const CLASS_OF_CODE = {
  invalid_json: shftu.InvalidJsonError,
  unknown_rule: shftu.UnknownRuleError,
  unknown_edition: shftu.UnknownEditionError,
  invalid_input: shftu.InvalidInputError,
  calendar_unavailable: shftu.CalendarUnavailableError,
  limit_exceeded: shftu.LimitExceededError,
}

/** The request text `evaluate` hands to the core: a string as it is, else what JSON.stringify writes. */
function textOf(request) {
  if (typeof request === 'string') return request
  try {
    return JSON.stringify(request) ?? ''
  } catch {
    return ''
  }
}

/** One request through evaluate, evaluateJson, evaluateMany and evaluateManyJson, which must answer alike
 * (the texts byte for byte); the parsed response. */
function everyEntry(request) {
  const text = textOf(request)
  const json = shftu.evaluateJson(text)
  assert.equal(typeof json, 'string')
  const [manyJson] = shftu.evaluateManyJson([text])
  assert.equal(manyJson, json)
  const parsed = JSON.parse(json)
  assert.deepEqual(shftu.evaluate(request), parsed)
  assert.deepEqual(shftu.evaluateMany([request]), [parsed])
  return parsed
}

/** Asserts that `r` is the error envelope with `code`, and `path` when given. */
function failsWith(r, code, path) {
  assert.equal(r.ok, false, JSON.stringify(r).slice(0, 300))
  assert.deepEqual(Object.keys(r).sort(), ['error', 'ok', 'rule'])
  assert.equal(r.error.code, code, r.error.message)
  assert.equal(typeof r.error.message, 'string')
  if (path !== undefined) assert.equal(r.error.path, path, r.error.message)
  return r.error
}

/** Asserts that `r` is a success envelope; its result. */
function succeeds(r) {
  assert.equal(r.ok, true, JSON.stringify(r).slice(0, 300))
  assert.deepEqual(Object.keys(r).sort(), ['edition', 'ok', 'result', 'rule', 'trace'])
  return r.result
}

/** A typed call, answered in the envelope's shape: `{ok: true, result}`, or `{ok: false, error}` after
 * checking that what it threw is the ShftuError subclass of its code. */
function typedAnswer(fn, input, options) {
  try {
    return { ok: true, result: fn(input, options) }
  } catch (e) {
    assert.ok(e instanceof shftu.ShftuError, `not a ShftuError: ${e?.name}: ${e?.message}`)
    assert.ok(e instanceof CLASS_OF_CODE[e.code], `${e.name} for ${e.code}`)
    return { ok: false, error: { code: e.code, message: e.message, path: e.path } }
  }
}

/** Asserts that the typed function throws the subclass of `code` at `path` (when given); the error. */
function typedThrows(call, code, path) {
  let caught
  assert.throws(call, (e) => {
    assert.ok(e instanceof shftu.ShftuError, `not a ShftuError: ${e?.name}: ${e?.message}`)
    assert.ok(e instanceof CLASS_OF_CODE[code], `${e.name} for ${code}: ${e.message}`)
    assert.equal(e.code, code)
    if (path !== undefined) assert.equal(e.path, path, e.message)
    caught = e
    return true
  })
  return caught
}

/** Evaluates `{rule, input}` through every entry point and its typed function; they must agree (the same
 * result, or the same error code, path and message). The response. */
function agrees(rule, input) {
  const r = everyEntry({ rule, input })
  const t = typedAnswer(shftu[typedName(rule)], input)
  if (r.ok) {
    assert.equal(t.ok, true, `${rule}: evaluate answers, the typed function throws ${JSON.stringify(t.error)}`)
    assert.equal(canon(t.result), canon(r.result))
  } else {
    assert.deepEqual(t, { ok: false, error: r.error }, rule)
  }
  return r
}

const GOODS = 'love_shanghai.goods_check'
const goodsText = (spent, amount = '1') => `{"rule":"${GOODS}","input":{"spent_per_person":${spent},"amount_per_person":${amount}}}`
const countText = (count) => `{"rule":"checkup.quote","input":{"lines":[{"package":"L1","count":${count}}]}}`
const DIGITS_30 = '123456789012345678901234567890'

describe('hostile input', () => {
  test('numbers too big for any type: 1e30, 2**63-1, 2**64, 30-digit amounts', () => {
    // An amount of money: as a number (object and text), as a 30-digit number and as a 30-digit string.
    let e = failsWith(everyEntry({ rule: GOODS, input: { spent_per_person: 1e30, amount_per_person: 1 } }), 'invalid_input', 'input.spent_per_person')
    assert.match(e.message, /"1e\+30" is not an amount of money/)
    assert.deepEqual(everyEntry(goodsText('1e30')).error, e)
    e = failsWith(everyEntry(goodsText(DIGITS_30)), 'invalid_input', 'input.spent_per_person')
    assert.match(e.message, /is too large: amounts of money are at most 999999999999\.99/)
    assert.deepEqual(everyEntry(goodsText(`"${DIGITS_30}"`)).error, e)
    failsWith(everyEntry(goodsText('1e-30')), 'invalid_input', 'input.spent_per_person')
    failsWith(everyEntry(goodsText('1e400')), 'invalid_input', 'input.spent_per_person')
    // The largest amount is a result.
    assert.equal(succeeds(everyEntry(goodsText('"999999999999.99"', '"0.01"'))).excess, '999999999500.00')

    // A count: i64::MAX (2**63-1), u64::MAX + 1, i64::MIN, 1e400, as JSON text.
    for (const big of ['9223372036854775807', '18446744073709551616']) {
      assert.match(failsWith(everyEntry(countText(big)), 'invalid_input', 'input.lines[0].count').message, /too large \(at most 4294967295\)/)
    }
    assert.match(failsWith(everyEntry(countText('-9223372036854775808')), 'invalid_input', 'input.lines[0].count').message, /zero or more/)
    assert.match(failsWith(everyEntry(countText('1e400')), 'invalid_input', 'input.lines[0].count').message, /whole number/)
    const days = (d) => `{"rule":"calendar.add_working_days","input":{"from":"2023-01-01","days":${d}}}`
    failsWith(everyEntry(days('9223372036854775807')), 'invalid_input', 'input.days')
    failsWith(everyEntry(days('1000000')), 'calendar_unavailable', 'input.days') // past the 2025 notice

    // The largest count on as many lines as a quote may hold (quote_lines, 10,000): the total is exact;
    // one line more is limit_exceeded, through the text and the typed API alike.
    const line = '{"package":"L1","count":4294967295}'
    const quoteText = (n) => `{"rule":"checkup.quote","input":{"lines":[${new Array(n).fill(line).join(',')}]}}`
    const price = 310n * 4294967295n * 10_000n
    assert.deepEqual(succeeds(everyEntry(quoteText(10_000))).total, { price: `${price}.00`, subsidy: `${price / 2n}.00`, payable: `${price / 2n}.00` })
    const over = failsWith(everyEntry(quoteText(10_001)), 'limit_exceeded', 'input.lines')
    assert.equal(over.message, 'input.lines is too large: 10001 where the limit quote_lines is 10000')
    const lines = new Array(10_001).fill({ package: 'L1', count: 4294967295 })
    assert.equal(typedThrows(() => shftu.checkupQuote({ lines }), 'limit_exceeded', 'input.lines').message, over.message)

    // The typed API: a JavaScript number beyond a safe integer has been through binary floating point and
    // is refused, named as JavaScript writes it; a 30-digit string is too large.
    const quote = (count) => () => shftu.checkupQuote({ lines: [{ package: 'L1', count }] })
    assert.equal(
      typedThrows(quote(2 ** 63 - 1), 'invalid_input', 'input.lines[0].count').message,
      'input.lines[0].count is 9223372036854776000, a binary floating-point number: write a whole number',
    )
    assert.match(typedThrows(quote(1e30), 'invalid_input', 'input.lines[0].count').message, /is 1e\+30, a binary floating-point number/)
    assert.match(typedThrows(quote(Number.MAX_SAFE_INTEGER), 'invalid_input', 'input.lines[0].count').message, /too large \(at most 4294967295\)/)
    assert.match(typedThrows(quote(2n ** 63n - 1n), 'invalid_input', 'input.lines[0].count').message, /not a value of another type/)
    const goods = (spent) => () => shftu.loveShanghaiGoodsCheck({ spent_per_person: spent, amount_per_person: '1' })
    assert.match(typedThrows(goods(1e30), 'invalid_input', 'input.spent_per_person').message, /is 1e\+30, a binary floating-point number/)
    assert.match(typedThrows(goods(DIGITS_30), 'invalid_input', 'input.spent_per_person').message, /too large/)
    assert.equal(goods(120)().remaining_before, '380.00') // a safe integer is whole yuan
  })

  test('NaN, Infinity and -Infinity', () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      // evaluate reads an object as JSON.stringify writes it: null, so the field is missing.
      const r = everyEntry({ rule: GOODS, input: { spent_per_person: v, amount_per_person: '1' } })
      assert.match(failsWith(r, 'invalid_input', 'input.spent_per_person').message, /is required/)
      failsWith(everyEntry({ rule: 'checkup.quote', input: { lines: [{ package: 'L1', count: v }] } }), 'invalid_input', 'input.lines[0].count')
      failsWith(everyEntry({ rule: 'calendar.add_working_days', input: { from: '2023-01-01', days: v } }), 'invalid_input', 'input.days')
      // The typed API refuses the number itself, naming it.
      const e = typedThrows(() => shftu.loveShanghaiGoodsCheck({ spent_per_person: v, amount_per_person: '1' }), 'invalid_input', 'input.spent_per_person')
      assert.match(e.message, /is (NaN|Infinity|-Infinity), a binary floating-point number/)
      typedThrows(() => shftu.checkupQuote({ lines: [{ package: 'L1', count: v }] }), 'invalid_input', 'input.lines[0].count')
      typedThrows(() => shftu.calendarAddWorkingDays({ from: '2023-01-01', days: v }), 'invalid_input', 'input.days')
    }
    // As text they are not JSON at all.
    for (const v of ['NaN', 'Infinity', '-Infinity']) failsWith(everyEntry(goodsText(v)), 'invalid_json', null)
    // As strings they are not amounts.
    failsWith(everyEntry(goodsText('"NaN"', '"Infinity"')), 'invalid_input', 'input.spent_per_person')
  })

  test('floats for money in the typed API are refused', () => {
    for (const v of [0.1, 80.5, -0.5, 1e-7, 155.5, NaN, Infinity, -Infinity]) {
      const e = typedThrows(() => shftu.loveShanghaiGoodsCheck({ spent_per_person: v, amount_per_person: '1' }), 'invalid_input', 'input.spent_per_person')
      assert.match(e.message, /a binary floating-point number, which cannot hold an exact amount of money/)
      typedThrows(() => shftu.loveShanghaiGoodsCheck({ spent_per_person: '1', amount_per_person: v }), 'invalid_input', 'input.amount_per_person')
      typedThrows(() => shftu.healthPointFunding({ kind: 'new', points: 1, district_match: v, street_match: '1' }), 'invalid_input', 'input.district_match')
    }
    assert.equal(
      typedThrows(() => shftu.loveShanghaiGoodsCheck({ spent_per_person: 80.5, amount_per_person: '1' }), 'invalid_input').message,
      'input.spent_per_person is 80.5, a binary floating-point number, which cannot hold an exact amount of money: write amounts of money as decimal strings such as "155.50"',
    )
    // A count that is not whole is refused by the binding, and by the core as text.
    typedThrows(() => shftu.laborRelationsGuidanceSubsidy({ person_days: 1.5 }), 'invalid_input', 'input.person_days')
    failsWith(everyEntry('{"rule":"labor_relations.guidance_subsidy","input":{"person_days":1.5}}'), 'invalid_input', 'input.person_days')
  })

  test('null in every top-level input field of every sample', () => {
    let refused = 0
    for (const req of REQUESTS) {
      for (const key of Object.keys(req.input)) {
        const r = agrees(req.rule, { ...req.input, [key]: null })
        if (r.ok) {
          // An optional field: null is the same as leaving it out.
          const { [key]: _, ...without } = req.input
          assert.deepEqual(r, everyEntry({ rule: req.rule, input: without }), `${req.rule} ${key}`)
        } else {
          failsWith(r, 'invalid_input', `input.${key}`)
          refused++
        }
      }
    }
    assert.ok(refused >= 40, `only ${refused} required fields refused null`)
  })

  test('null, missing and wrong types in the envelope', () => {
    const cases = [
      [{ rule: null, input: {} }, 'invalid_input', 'rule'],
      [{ rule: 5, input: {} }, 'invalid_input', 'rule'],
      [{ rule: ['checkup.quote'], input: {} }, 'invalid_input', 'rule'],
      [{ input: {} }, 'invalid_input', 'rule'],
      [{ rule: 'checkup.quote' }, 'invalid_input', 'input'],
      [{ rule: 'checkup.quote', input: null }, 'invalid_input', 'input'],
      [{ rule: 'checkup.quote', input: 'x' }, 'invalid_input', 'input'],
      [{ rule: 'checkup.quote', input: [] }, 'invalid_input', 'input'],
      [{ rule: 'checkup.quote', input: { lines: [] }, edition: 2023 }, 'invalid_input', 'edition'],
      [{ rule: 'checkup.quote', input: { lines: [] }, edition: '1999' }, 'unknown_edition', 'edition'],
      [{ rule: 'checkup.quote', input: { lines: [] }, extra: 1 }, 'invalid_input', 'extra'],
      [{ rule: 'no.such_rule', input: {} }, 'unknown_rule', 'rule'],
    ]
    for (const [request, code, path] of cases) failsWith(everyEntry(request), code, path)
    // Requests that are not objects: invalid_json, with no rule and no path.
    for (const request of [null, 1, true, [], [{ rule: 'checkup.quote', input: {} }], 'x', '"a string"', undefined, () => 1, 10n, Symbol('s')]) {
      const r = shftu.evaluate(request)
      failsWith(r, 'invalid_json', null)
      assert.equal(r.rule, null)
    }
    // An edition null is the default edition.
    assert.equal(everyEntry({ rule: 'checkup.quote', input: { lines: [] }, edition: null }).edition, '2023')
  })

  test('wrong types and empty strings in every top-level input field of every sample', () => {
    const wrong = [true, false, 7, -1, 'x', '', [], {}, [null], { a: 1 }]
    let refused = 0
    let answered = 0
    for (const req of REQUESTS) {
      for (const key of Object.keys(req.input)) {
        for (const v of wrong) {
          const r = agrees(req.rule, { ...req.input, [key]: v })
          if (r.ok) {
            answered++
            continue
          }
          const e = failsWith(r, 'invalid_input')
          assert.ok(e.path.startsWith('input.'), `${req.rule} ${key}=${JSON.stringify(v)}: path ${e.path}`)
          refused++
        }
      }
    }
    assert.ok(refused > 10 * answered, `${refused} refused, ${answered} answered`)
  })

  test('wrong argument types of the functions themselves', () => {
    // The text functions take strings: Node-API's refusal of anything else is a TypeError (not a
    // ShftuError), keeping Node-API's code.
    for (const v of [1, undefined, null, {}, ['x'], 10n]) {
      assert.throws(
        () => shftu.evaluateJson(v),
        (e) => e instanceof TypeError && !(e instanceof shftu.ShftuError) && e.code === 'StringExpected',
      )
    }
    assert.throws(() => shftu.evaluateManyJson('x'), (e) => e instanceof TypeError && !(e instanceof shftu.ShftuError) && e.code === 'ArrayExpected')
    assert.throws(() => shftu.evaluateManyJson([SAMPLES[0], 1]), (e) => e instanceof TypeError && e.code === 'StringExpected')
    assert.throws(() => shftu.evaluateMany('x'), TypeError)
    assert.throws(() => shftu.evaluateMany({ length: 1, 0: SAMPLES[0] }), TypeError)
    assert.deepEqual(shftu.evaluateMany([]), [])
    assert.deepEqual(shftu.evaluateManyJson([]), [])

    // A typed function's input must be an object; options an object with a string edition and lang, and a
    // trace mode (or the deprecated array).
    for (const v of ['E', 5, true, [], [{}], 10n]) typedThrows(() => shftu.mutualAidEnroll(v), 'invalid_input', 'input')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, 5), 'invalid_input', 'options')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, 'x'), 'invalid_input', 'options')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { edition: 2023 }), 'invalid_input', 'edition')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { edition: '' }), 'unknown_edition', 'edition')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { trace: {} }), 'invalid_input', 'trace')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { trace: 'x' }), 'invalid_input', 'trace')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { lang: 'xx' }), 'invalid_input', 'lang')
    typedThrows(() => shftu.checkupQuote({ lines: [] }, { lang: ['zh-CN'] }), 'invalid_input', 'lang')
    // An input left out is an empty object: an answer for rules whose fields are all optional, else the field.
    assert.ok(Array.isArray(shftu.checkupPackages().packages))
    typedThrows(() => shftu.checkupQuote(), 'invalid_input', 'input.lines')
    typedThrows(() => shftu.checkupQuote(null), 'invalid_input', 'input.lines')
  })

  test('empty strings', () => {
    for (const request of ['', ' ', '\n', '\ufeff']) {
      failsWith(everyEntry(request), 'invalid_json', null)
    }
    failsWith(everyEntry({ rule: '', input: {} }), 'unknown_rule', 'rule')
    failsWith(everyEntry({ rule: 'checkup.quote', input: '' }), 'invalid_input', 'input')
    failsWith(everyEntry({ rule: 'checkup.quote', input: { lines: [] }, edition: '' }), 'unknown_edition', 'edition')
    failsWith(everyEntry({ rule: 'checkup.quote', input: { lines: [], '': 1 } }), 'invalid_input', 'input.')
    failsWith(everyEntry({ '': 1, rule: 'checkup.quote', input: { lines: [] } }), 'invalid_input', '')
    failsWith(agrees('checkup.quote', { lines: [{ package: '', count: 1 }] }), 'invalid_input', 'input.lines[0].package')
    failsWith(agrees('calendar.add_working_days', { from: '', days: 1 }), 'invalid_input', 'input.from')
    failsWith(agrees(GOODS, { spent_per_person: '', amount_per_person: '1' }), 'invalid_input', 'input.spent_per_person')
  })

  test('10 MB strings', () => {
    const big = 'x'.repeat(10_000_000)
    const short = (e) => assert.ok(e.message.length < 1000, `a message of ${e.message.length} characters`)
    // As a request, or in one: past the request_bytes limit (4 MiB), answered before the text is copied.
    const tooLarge = (r) => {
      const e = failsWith(r, 'limit_exceeded', 'request')
      assert.match(e.message, /^request is too large: \d+ where the limit request_bytes is 4194304$/)
      return e
    }
    assert.equal(tooLarge(everyEntry(big)).message, 'request is too large: 10000000 where the limit request_bytes is 4194304')
    tooLarge(everyEntry({ rule: 'calendar.add_working_days', input: { from: big, days: 1 } }))
    tooLarge(everyEntry({ rule: big, input: {} }))
    tooLarge(everyEntry(' '.repeat(10_000_000) + SAMPLES[0]))
    // The limit counts UTF-8 bytes: 1.5 million characters of three bytes each are 4.5 MB.
    tooLarge(everyEntry(`{"rule":"${'规'.repeat(1_500_000)}","input":{}}`))
    // Just under the limit, a request is read: here, 4 MB of white space before one.
    const card = REQUESTS.findIndex((r) => r.rule === 'health_point.card')
    const pad = ' '.repeat(4 * 1024 * 1024 - SAMPLES[card].length)
    assert.equal(shftu.evaluateJson(pad + SAMPLES[card]), shftu.evaluateJson(SAMPLES[card]))
    // The typed API reads the values of its input (there is no request text): as a date, an amount, an enum
    // value, an edition, the message quotes 40 characters of it.
    const typed = (fn, input, path, options) => short(typedThrows(() => fn(input, options), 'invalid_input', path))
    typed(shftu.calendarAddWorkingDays, { from: big, days: 1 }, 'input.from')
    typed(shftu.loveShanghaiGoodsCheck, { spent_per_person: '1'.repeat(10_000_000), amount_per_person: '1' }, 'input.spent_per_person')
    typed(shftu.checkupQuote, { lines: [{ package: big, count: 1 }] }, 'input.lines[0].package')
    short(typedThrows(() => shftu.checkupQuote({ lines: [] }, { edition: big }), 'unknown_edition', 'edition'))
    // As a key: an unknown field, named in the path in full.
    typed(shftu.checkupQuote, { lines: [], [big]: 1 }, `input.${big}`)
  })

  test('10,000-level nesting, as text and as objects', () => {
    const arrays = '['.repeat(10_000) + ']'.repeat(10_000)
    const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)
    for (const text of [arrays, objects, `{"rule":"checkup.quote","input":${objects}}`, `{"rule":"checkup.quote","input":{"lines":${arrays}}}`]) {
      assert.match(failsWith(everyEntry(text), 'invalid_json', null).message, /recursion limit exceeded/)
    }
    // 100 levels is within the parser's limit: the input reader refuses it.
    failsWith(everyEntry(`{"rule":"checkup.quote","input":{"lines":${'['.repeat(100) + ']'.repeat(100)}}}`), 'invalid_input', 'input.lines[0]')

    // Objects: JSON.stringify cannot write them (RangeError), so evaluate answers invalid_json; the typed
    // API reads only what the rule's input declares, so it stops at the first level it does not expect.
    const deepObject = {}
    const deepArray = []
    let o = deepObject
    let a = deepArray
    for (let i = 0; i < 10_000; i++) {
      o = o.a = {}
      a.push((a = []))
    }
    for (const input of [deepObject, { lines: deepArray }]) {
      failsWith(shftu.evaluate({ rule: 'checkup.quote', input }), 'invalid_json', null)
      failsWith(shftu.evaluateMany([{ rule: 'checkup.quote', input }])[0], 'invalid_json', null)
      const e = typedThrows(() => shftu.checkupQuote(input), 'invalid_input')
      assert.ok(['input.a', 'input.lines[0]'].includes(e.path), e.path)
      assert.match(e.message, /has an unknown field "a"|must be an object, not an array/)
    }
  })

  test('duplicate keys in text: the last one counts, on every entry point', () => {
    const r = everyEntry('{"rule":"calendar.add_working_days","rule":"mutual_aid.enroll","input":{}}')
    failsWith(r, 'invalid_input', 'input.tier')
    assert.equal(r.rule, 'mutual_aid.enroll')
    const guidance = (input) => `{"rule":"labor_relations.guidance_subsidy",${input}}`
    assert.equal(succeeds(everyEntry(guidance('"input":{"person_days":1,"person_days":2}'))).subsidy, '300.00')
    assert.equal(succeeds(everyEntry(guidance('"input":{"person_days":"bad"},"input":{"person_days":1}'))).subsidy, '150.00')
    failsWith(everyEntry(guidance('"input":{"person_days":1},"input":{"person_days":"bad"}')), 'invalid_input', 'input.person_days')
    failsWith(everyEntry(guidance('"input":{"person_days":1},"edition":"2023","edition":"1999"')), 'unknown_edition', 'edition')
  })

  test('a UTF-8 byte order mark before the request text is skipped, and only there', () => {
    const plain = shftu.evaluateManyJson(SAMPLES)
    assert.deepEqual(shftu.evaluateManyJson(SAMPLES.map((s) => '\ufeff' + s)), plain)
    for (const [i, s] of SAMPLES.entries()) {
      assert.equal(shftu.evaluateJson('\ufeff' + s), plain[i])
      assert.equal(JSON.parse(plain[i]).ok, true, s)
    }
    for (const text of ['\ufeff\ufeff' + SAMPLES[0], ' \ufeff' + SAMPLES[0], SAMPLES[0].replace('{', '{\ufeff'), '\ufeff']) {
      failsWith(everyEntry(text), 'invalid_json', null)
    }
    // Inside a string it is a character like any other.
    failsWith(everyEntry({ rule: 'checkup.quote\ufeff', input: {} }), 'unknown_rule', 'rule')
  })

  test('lone surrogates and invalid UTF-16 in JavaScript strings', () => {
    for (const bad of ['\ud800', '\udfff', '\udc00\ud800', 'a\ud83d', '2023-01-0\ud800']) {
      // evaluate on an object: JSON.stringify escapes it ("\ud800"), which no UTF-8 text can carry.
      const r = shftu.evaluate({ rule: 'calendar.add_working_days', input: { from: bad, days: 1 } })
      assert.match(failsWith(r, 'invalid_json', null).message, /hex escape|surrogate/)
      // Text in a JavaScript string: Node-API writes it as UTF-8 with U+FFFD in its place.
      const text = `{"rule":"calendar.add_working_days","input":{"from":"${bad}","days":1}}`
      const e = failsWith(everyEntry(text), 'invalid_input', 'input.from')
      assert.ok(e.message.includes('\ufffd'), e.message)
      // The typed API reads the same UTF-8.
      assert.deepEqual(typedAnswer(shftu.calendarAddWorkingDays, { from: bad, days: 1 }), { ok: false, error: e })
      // As a key: an unknown field.
      const k = typedThrows(() => shftu.calendarAddWorkingDays({ from: '2023-01-03', days: 1, [bad]: 1 }), 'invalid_input')
      assert.match(k.message, /unknown field/)
      failsWith(shftu.evaluate({ rule: 'calendar.add_working_days', input: { from: '2023-01-03', days: 1, [bad]: 1 } }), 'invalid_json', null)
      // As the rule: unknown, by text and by evaluateManyJson.
      failsWith(everyEntry(`{"rule":"${bad}","input":{}}`), 'unknown_rule', 'rule')
    }
    // The escape itself, as text: invalid_json.
    failsWith(everyEntry('{"rule":"calendar.add_working_days","input":{"from":"\\ud800","days":1}}'), 'invalid_json', null)
    // A well-formed pair is a character like any other.
    failsWith(agrees('reference.service_centres', { district: '😀' }), 'invalid_input', 'input.district')
    failsWith(everyEntry({ rule: 'no.rule\u0000', input: {} }), 'unknown_rule', 'rule')
  })

  test('hostile JavaScript values in the typed API: throwing getters, proxies, cycles, sparse arrays, odd keys', () => {
    // A getter or proxy trap that throws: the caller's own exception comes back, and the addon goes on.
    const boom = new Error('boom')
    const thrown = (input, options) => assert.throws(() => shftu.checkupQuote(input, options), (e) => e === boom)
    thrown({
      get lines() {
        throw boom
      },
    })
    thrown({ lines: [{ package: 'L1', count: 1 }] }, {
      get edition() {
        throw boom
      },
    })
    thrown(new Proxy({}, { ownKeys: () => { throw boom } }))
    thrown(new Proxy({ lines: [] }, { get: () => { throw boom } }))
    // A proxy of an array is not an array to Node-API (JSON.stringify writes it as one): the typed API
    // refuses it without touching its traps.
    typedThrows(() => shftu.checkupQuote({ lines: new Proxy([], { get: () => { throw boom } }) }), 'invalid_input', 'input.lines')
    // A cycle is read no deeper than the rule's input declares: the line has an unknown field.
    const cycle = { lines: [] }
    cycle.lines.push(cycle)
    assert.match(typedThrows(() => shftu.checkupQuote(cycle), 'invalid_input', 'input.lines[0].lines').message, /unknown field "lines"/)
    failsWith(shftu.evaluate({ rule: 'checkup.quote', input: cycle }), 'invalid_json', null)
    // A sparse array of length 2**32 - 1 (it aborted the process, allocating 128 GiB for it, before the
    // binding checked the length), and one just over the quote_lines limit: refused on the length alone.
    for (const length of [2 ** 32 - 1, 10_001]) {
      const lines = []
      lines.length = length
      const e = typedThrows(() => shftu.checkupQuote({ lines }), 'limit_exceeded', 'input.lines')
      assert.equal(e.message, `input.lines is too large: ${length} where the limit quote_lines is 10000`)
    }
    // A typed array where an object is expected is not read element by element.
    typedThrows(() => shftu.calendarAddWorkingDays(new Uint8Array(1e8)), 'invalid_input', 'input.from')
    const sparse = []
    sparse.length = 2 ** 32 - 1
    failsWith(shftu.evaluate({ rule: 'checkup.quote', input: { lines: sparse } }), 'invalid_json', null) // JSON.stringify: RangeError
    // A NUL in a key (a Node-API failure before the fix) or a value; symbol keys, which JSON has not.
    assert.match(typedThrows(() => shftu.checkupQuote({ lines: [], 'a\0b': 1 }), 'invalid_input', 'input.a\0b').message, /unknown field "a\\0b"/)
    failsWith(agrees('checkup.quote', { lines: [], 'a\0b': 1 }), 'invalid_input', 'input.a\0b')
    failsWith(agrees('calendar.add_working_days', { from: '2023-01-03\0', days: 1 }), 'invalid_input', 'input.from')
    assert.equal(shftu.checkupQuote({ lines: [], [Symbol('s')]: 1 }).total.price, '0.00')
    // Values JSON has not: a function, a symbol, a bigint; objects that are not plain.
    for (const v of [() => 1, Symbol('s'), 10n]) typedThrows(() => shftu.checkupQuote({ lines: [{ package: 'L1', count: v }] }), 'invalid_input', 'input.lines[0].count')
    typedThrows(() => shftu.calendarAddWorkingDays({ from: new Date('2023-01-03'), days: 1 }), 'invalid_input', 'input.from')
    typedThrows(() => shftu.checkupQuote({ lines: new Uint8Array(3) }), 'invalid_input', 'input.lines')
    typedThrows(() => shftu.checkupQuote(new Map([['lines', []]])), 'invalid_input', 'input.lines')
    // A frozen trace array cannot be appended to: the answer still comes back.
    assert.equal(shftu.checkupQuote({ lines: [{ package: 'L1', count: 1 }] }, { trace: Object.freeze([]) }).total.price, '310.00')
    // And the addon still answers.
    assert.equal(shftu.laborRelationsGuidanceSubsidy({ person_days: 1 }).subsidy, '150.00')
  })

  test('evaluateMany answers every hostile request, in order', () => {
    const cycle = {}
    cycle.self = cycle
    const deep = []
    let a = deep
    for (let i = 0; i < 10_000; i++) a.push((a = []))
    const requests = [
      [undefined, 'invalid_json'],
      [null, 'invalid_json'],
      [1, 'invalid_json'],
      ['x', 'invalid_json'],
      ['', 'invalid_json'],
      [[], 'invalid_json'],
      [{}, 'invalid_input'],
      [() => 1, 'invalid_json'],
      [10n, 'invalid_json'],
      [cycle, 'invalid_json'],
      [deep, 'invalid_json'],
      [{ rule: NaN, input: {} }, 'invalid_input'],
      ['\ufeff' + SAMPLES[0], true],
      ['{"rule":"labor_relations.guidance_subsidy","input":{"person_days":1,"person_days":2}}', true],
      [{ rule: 'calendar.add_working_days', input: { from: '\ud800', days: 1 } }, 'invalid_json'],
      [`{"rule":"calendar.add_working_days","input":{"from":"\ud800","days":1}}`, 'invalid_input'],
      [{ rule: GOODS, input: { spent_per_person: 1e30, amount_per_person: 1 } }, 'invalid_input'],
      [countText('9223372036854775807'), 'invalid_input'],
      ['x'.repeat(10_000_000), 'limit_exceeded'],
      [REQUESTS[1], true],
    ]
    const answers = shftu.evaluateMany(requests.map(([r]) => r))
    assert.equal(answers.length, requests.length)
    for (const [i, [, expected]] of requests.entries()) {
      if (expected === true) succeeds(answers[i])
      else failsWith(answers[i], expected)
    }
    assert.deepEqual(answers.at(-1), shftu.evaluate(SAMPLES[1]))
  })

  test('1,000,000 claims in one mutual_aid.adjudicate request: limit_exceeded, before the text is copied', () => {
    const claim = { benefit: 'accident_consolation', event_date: '2023-03-01', filed_on: '2023-04-01' }
    const policy = { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' }
    const claims = new Array(1_000_000).fill(claim)
    const request = JSON.stringify({ rule: 'mutual_aid.adjudicate', input: { policy, claims } })
    // The text (some 90 MB) is past request_bytes: refused on its length, so resident memory does not grow
    // by a copy of it (it grew by 2.3 GB when the request was read and answered). JSON.stringify's string is
    // made of pieces that V8 joins when its length in UTF-8 is first asked for: asked here first, so that
    // what is measured is the addon alone.
    assert.equal(Buffer.byteLength(request), request.length)
    globalThis.gc?.()
    const before = process.memoryUsage().rss
    const text = shftu.evaluateJson(request)
    const grown = process.memoryUsage().rss - before
    assert.equal(text, `{"ok":false,"rule":null,"error":{"code":"limit_exceeded","message":"request is too large: ${request.length} where the limit request_bytes is 4194304","path":"request"}}`)
    assert.ok(grown < 32 * 1024 * 1024, `resident memory grew by ${grown} bytes`)
    // The typed API: refused on the array's length (claims, 1,000), before a claim is read.
    const e = typedThrows(() => shftu.mutualAidAdjudicate({ policy, claims }), 'limit_exceeded', 'input.claims')
    assert.equal(e.message, 'input.claims is too large: 1000000 where the limit claims is 1000')
  })

  test('1,000 claims, the most a request holds, through the typed API and the text alike', () => {
    const claim = { benefit: 'accident_consolation', event_date: '2023-03-01', filed_on: '2023-04-01' }
    const policy = { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' }
    const input = { policy, claims: new Array(1000).fill(claim) }
    const r = shftu.mutualAidAdjudicate(input)
    assert.equal(r.total_payable, '6000.00')
    assert.equal(r.decisions.length, 1000)
    // 500 a claim up to 6,000 a period (tier E): 12 paid, the rest refused at the cap.
    assert.deepEqual(r.decisions[11], { status: 'paid', payable: '500.00', reasons: [] })
    assert.deepEqual(r.decisions[999], { status: 'rejected', payable: '0.00', reasons: ['benefit_cap_reached'] })
    assert.equal(canon(r), canon(succeeds(everyEntry({ rule: 'mutual_aid.adjudicate', input }))))
  })
})

test('8 worker threads × 100,000 evaluations agree with a sequential run', async (t) => {
  const WORKERS = 8
  const COUNT = 100_000
  // The sequential run, in this thread, one request at a time: its hash, and the one answer to each sample.
  const seq = createHash('sha256')
  const answers = new Array(SAMPLES.length)
  for (let i = 0; i < COUNT; i++) {
    const j = i % SAMPLES.length
    const a = shftu.evaluateJson(SAMPLES[j])
    if (answers[j] === undefined) answers[j] = a
    else if (a !== answers[j]) assert.fail(`sequential run: sample ${j} answered differently at ${i}`)
    seq.update(a).update('\n')
  }
  // What worker k must hash: the answers in its order (it starts at sample k), as the sequential run gave them.
  const expected = Array.from({ length: WORKERS }, (_, k) => {
    const h = createHash('sha256')
    for (let i = 0; i < COUNT; i++) h.update(answers[(i + k) % SAMPLES.length]).update('\n')
    return h.digest('hex')
  })
  assert.equal(expected[0], seq.digest('hex'))

  const started = Date.now()
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, k) => {
      const worker = new Worker(join(here, 'fixtures', 'worker.mjs'), { workerData: { samples: SAMPLES, offset: k, count: COUNT, chunk: 1000 } })
      return new Promise((resolve, reject) => {
        let message
        worker.on('message', (m) => (message = m))
        worker.on('error', reject)
        worker.on('exit', (code) => (code === 0 && message ? resolve(message) : reject(new Error(`worker ${k} exited with ${code}`))))
      })
    }),
  )
  t.diagnostic(`${WORKERS} workers × ${COUNT} evaluations in ${Date.now() - started} ms`)
  for (const [k, r] of results.entries()) {
    assert.equal(r.offset, k)
    assert.equal(r.done, COUNT)
    assert.equal(r.hash, expected[k], `worker ${k}: its answers differ from the sequential run`)
    assert.equal(r.typed, '620.00')
    assert.deepEqual(r.typedError, { isClass: true, code: 'invalid_input', path: 'input.lines[0].package' })
  }
})

test('resident memory stays flat over 1,000,000 evaluations and 200,000 typed calls', async (t) => {
  const out = await rssChild
  assert.equal(out.evaluateManyJson.evaluations, 1_000_000)
  assert.ok(out.evaluateManyJson.responseBytes > 500_000_000) // the answers were made
  assert.equal(out.typed.calls, 200_000)
  assert.ok(out.typed.thrown > 0)
  const LIMIT_KIB = 64 * 1024
  for (const [path, m] of Object.entries({ evaluateManyJson: out.evaluateManyJson, typed: out.typed })) {
    const grown = m.afterKiB - m.beforeKiB
    t.diagnostic(`${path}: rss ${m.beforeKiB} KiB after the warm-up, ${m.afterKiB} KiB at the end: ${grown >= 0 ? '+' : ''}${grown} KiB (gc ${out.gc ? 'exposed' : 'not exposed'})`)
    assert.ok(grown < LIMIT_KIB, `${path}: resident memory grew by ${grown} KiB`)
  }
})

/** Runs tests/fixtures/rss.mjs in a child process; its JSON report. */
function runRssChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(here, 'fixtures', 'rss.mjs'), '1000000', '200000'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code !== 0) reject(new Error(`rss.mjs exited with ${code ?? signal}: ${stderr}`))
      else resolve(JSON.parse(stdout))
    })
  })
}
