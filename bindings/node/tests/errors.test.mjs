// The error classes: one per error code, each a ShftuError with `code` and `path`; a Rust panic becomes
// InternalError and the process goes on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import * as shftu from '../index.mjs'

const CLASSES = {
  invalid_json: 'InvalidJsonError',
  unknown_rule: 'UnknownRuleError',
  unknown_edition: 'UnknownEditionError',
  invalid_input: 'InvalidInputError',
  calendar_unavailable: 'CalendarUnavailableError',
}

test('one class per error code of the core, and InternalError', () => {
  assert.deepEqual(shftu.errorCodes(), Object.keys(CLASSES))
  for (const [code, name] of Object.entries({ ...CLASSES, internal_error: 'InternalError' })) {
    const Class = shftu[name]
    assert.equal(typeof Class, 'function', name)
    const e = new Class('a message', 'input.x')
    assert.ok(e instanceof shftu.ShftuError)
    assert.ok(e instanceof Error)
    assert.equal(e.name, name)
    assert.equal(e.code, code)
    assert.equal(e.path, 'input.x')
    assert.equal(e.message, 'a message')
    assert.match(String(e.stack), new RegExp(`^${name}: a message`))
  }
  assert.equal(new shftu.InvalidInputError('m').path, null)
})

test('invalid_input: class, code, path and the core message', () => {
  assert.throws(
    () => shftu.mutualAidEnroll({ tier: 'F', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-01-01' }),
    (e) => {
      assert.ok(e instanceof shftu.InvalidInputError)
      assert.equal(e.code, 'invalid_input')
      assert.equal(e.path, 'input.tier')
      assert.match(e.message, /input\.tier "F" is not one of "C" "D" "E"/)
      return true
    },
  )
  assert.throws(() => shftu.mutualAidEnroll({ tier: 'E' }), (e) => e instanceof shftu.InvalidInputError && e.path === 'input.channel')
  assert.throws(() => shftu.mutualAidEnroll('E'), (e) => e instanceof shftu.InvalidInputError && e.path === 'input')
})

test('unknown_edition from a typed call', () => {
  assert.throws(
    () => shftu.checkupQuote({ lines: [] }, { edition: '1999' }),
    (e) => e instanceof shftu.UnknownEditionError && e.code === 'unknown_edition' && e.path === 'edition',
  )
})

test('calendar_unavailable from a typed call', () => {
  assert.throws(
    () => shftu.mutualAidClaimDeadline({ benefit: 'accident_disability', coverage_end: '2031-12-31', event_date: '2031-06-01' }),
    (e) => e instanceof shftu.CalendarUnavailableError && e.code === 'calendar_unavailable',
  )
})

test('evaluate never throws for a bad request: the error is in the response', () => {
  const r = shftu.evaluate({ rule: 'no.such_rule', input: {} })
  assert.deepEqual(Object.keys(r).sort(), ['error', 'ok', 'rule'])
  assert.equal(r.ok, false)
  assert.equal(r.error.code, 'unknown_rule')
  assert.equal(r.error.path, 'rule')
  assert.equal(shftu.evaluate('not json').error.code, 'invalid_json')
  assert.equal(shftu.evaluate({ rule: 'checkup.quote', input: {}, edition: '1999' }).error.code, 'unknown_edition')
})

test('a Rust panic is InternalError, and the process goes on', () => {
  assert.throws(
    () => shftu.__panicForTest(),
    (e) => {
      assert.ok(e instanceof shftu.InternalError)
      assert.ok(e instanceof shftu.ShftuError)
      assert.equal(e.code, 'internal_error')
      assert.equal(e.path, null)
      assert.match(e.message, /internal error in shftu-rules/)
      return true
    },
  )
  // Still alive: the addon answers after the panic.
  assert.equal(shftu.evaluate({ rule: 'labor_relations.guidance_subsidy', input: { person_days: 1 } }).ok, true)
})

test('a panic does not abort a child process either (exit code 0, InternalError caught)', () => {
  const script = `
    const s = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    try { s.__panicForTest() } catch (e) { console.log(e.constructor.name, e.code) }
    console.log(s.evaluate({ rule: 'labor_relations.guidance_subsidy', input: { person_days: 2 } }).result.subsidy)
  `
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, 'InternalError internal_error\n300.00\n')
})

test('the CommonJS entry and the ESM entry export the same things', async () => {
  const { createRequire } = await import('node:module')
  const cjs = createRequire(import.meta.url)('../index.js')
  const esm = await import('../index.mjs')
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort())
  assert.equal(esm.default, cjs)
  assert.equal(esm.evaluate, cjs.evaluate)
})
