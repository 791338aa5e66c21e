// Every conformance vector (spec/cases/*.json) through evaluate, evaluateJson and evaluateMany: the
// response must equal the vector's `response` as canonical JSON. Cases without `response` are skipped.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { evaluate, evaluateJson, evaluateMany } from '../index.mjs'
import { vectorFiles, canon } from './helpers.mjs'

const files = vectorFiles()

test('there are conformance vectors', () => {
  assert.ok(files.length > 0)
  assert.ok(files.reduce((n, f) => n + f.cases.length, 0) > 100)
})

for (const { file, cases } of files) {
  describe(file, () => {
    for (const c of cases) {
      test(c.name, { skip: c.response === undefined && 'no response in the vector' }, () => {
        const expected = canon(c.response)
        assert.equal(canon(evaluate(c.request)), expected, 'evaluate(request)')
        const text = typeof c.request === 'string' ? c.request : JSON.stringify(c.request)
        assert.equal(canon(JSON.parse(evaluateJson(text))), expected, 'evaluateJson(text)')
        assert.equal(canon(evaluate(text)), expected, 'evaluate(text)')
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
