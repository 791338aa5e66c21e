// Every conformance vector (spec/cases/*.json) through evaluate, evaluateJson and evaluateMany: the
// response must equal the vector's `response` as canonical JSON, and — when the vector has one — the
// request in Chinese (`"lang": "zh-CN"` added) must give its `response_zh-CN`. Cases without a response
// are skipped.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { evaluate, evaluateJson, evaluateMany } from '../generated/index.mjs'
import { vectorFiles, canon, inLang } from './helpers.mjs'

const files = vectorFiles()

test('there are conformance vectors', () => {
  assert.ok(files.length > 0)
  assert.ok(files.reduce((n, f) => n + f.cases.length, 0) > 100)
})

/** A response with its words left out: what must not depend on the language. */
function wordless(r) {
  if (r.ok) return { ok: true, rule: r.rule, edition: r.edition, result: r.result, steps: r.trace.map((s) => typeof s) }
  return { ok: false, rule: r.rule, code: r.error.code, path: r.error.path }
}

for (const { file, cases } of files) {
  describe(file, () => {
    for (const c of cases) {
      test(c.name, { skip: c.response === undefined && 'no response in the vector' }, () => {
        const expected = canon(c.response)
        assert.equal(canon(evaluate(c.request)), expected, 'evaluate(request)')
        const text = typeof c.request === 'string' ? c.request : JSON.stringify(c.request)
        assert.equal(canon(JSON.parse(evaluateJson(text))), expected, 'evaluateJson(text)')
        assert.equal(canon(evaluate(text)), expected, 'evaluate(text)')
        const zhRequest = inLang(c.request, 'zh-CN')
        if (c['response_zh-CN'] !== undefined) {
          assert.ok(zhRequest, 'a response_zh-CN needs an object request without lang')
          assert.equal(canon(evaluate(zhRequest)), canon(c['response_zh-CN']), 'evaluate(request + lang zh-CN)')
          assert.equal(canon(JSON.parse(evaluateJson(JSON.stringify(zhRequest)))), canon(c['response_zh-CN']), 'evaluateJson in zh-CN')
        }
        if (zhRequest) {
          // The language changes words, never a decision, an amount, an error code or its path.
          assert.deepEqual(wordless(evaluate(zhRequest)), wordless(c.response), 'zh-CN answers as en does but for the words')
        }
      })
    }
  })
}

test('evaluateMany answers every vector in order', () => {
  const all = files.flatMap((f) => f.cases).filter((c) => c.response !== undefined)
  const answers = evaluateMany(all.map((c) => c.request))
  assert.equal(answers.length, all.length)
  all.forEach((c, i) => assert.equal(canon(answers[i]), canon(c.response), c.name))
})

test('evaluateMany of nothing is nothing', () => {
  assert.deepEqual(evaluateMany([]), [])
})

test('evaluateMany refuses what is not an array', () => {
  assert.throws(() => evaluateMany('x'), TypeError)
})

test('requests without JSON text are invalid_json, never a throw', () => {
  const cyclic = {}
  cyclic.self = cyclic
  for (const r of [undefined, cyclic, 10n, () => 1]) {
    const res = evaluate(r)
    assert.equal(res.ok, false)
    assert.equal(res.error.code, 'invalid_json')
    assert.equal(res.rule, null)
  }
})

test('an object request is read as JSON.stringify writes it (a fractional money number as the core reads it)', () => {
  const req = { rule: 'love_shanghai.goods_check', input: { spent_per_person: 120, amount_per_person: 80.5 } }
  assert.equal(canon(evaluate(req)), canon(JSON.parse(evaluateJson(JSON.stringify(req)))))
  assert.equal(evaluate(req).result.remaining_before, '380.00')
})

test('a request in Chinese is answered in Chinese: the notes and the error messages', () => {
  const ok = evaluate({ rule: 'checkup.quote', lang: 'zh-CN', input: { lines: [{ package: '心功能', count: 2 }] } })
  assert.equal(ok.ok, true)
  assert.equal(ok.result.lines[0].package, 'cardio') // the answer echoes the code
  assert.match(ok.trace.map((s) => s.clause + s.note).join(''), /[\u4e00-\u9fff]/)
  const bad = evaluate({ rule: 'checkup.quote', lang: 'zh-CN', input: { lines: [{ package: 'L9', count: 1 }] } })
  assert.equal(bad.error.code, 'invalid_input')
  assert.match(bad.error.message, /不是/)
})
