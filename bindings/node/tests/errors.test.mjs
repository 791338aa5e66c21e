// The error classes: one per error code of the core, each a ShftuError with `code` and `path`; messages
// from the core's catalogue, in the language asked for; and a Rust panic becomes InternalError while the
// process goes on (against the test build, build/test/, which alone has `__panicForTest`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as shftu from '../generated/index.mjs'
import { root } from './helpers.mjs'

const CLASSES = {
  invalid_json: 'InvalidJsonError',
  unknown_rule: 'UnknownRuleError',
  unknown_edition: 'UnknownEditionError',
  invalid_input: 'InvalidInputError',
  calendar_unavailable: 'CalendarUnavailableError',
  limit_exceeded: 'LimitExceededError',
}

test('one class per error code of the core, and InternalError', () => {
  assert.deepEqual(shftu.errorCodes(), Object.keys(CLASSES))
  assert.deepEqual(shftu.describe().errors, Object.keys(CLASSES))
  for (const [code, name] of Object.entries({ ...CLASSES, internal_error: 'InternalError' })) {
    const Class = shftu[name]
    assert.equal(typeof Class, 'function', name)
    assert.equal(Class.name, name)
    assert.equal(Class.code, code)
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

test('invalid_input: class, code, path and the core message, in either language', () => {
  const input = { tier: 'F', channel: 'group', date: '2023-03-15', industry: 'courier', birth_date: '1990-01-01' }
  assert.throws(
    () => shftu.mutualAidEnroll(input),
    (e) => {
      assert.ok(e instanceof shftu.InvalidInputError)
      assert.equal(e.code, 'invalid_input')
      assert.equal(e.path, 'input.tier')
      assert.match(e.message, /^input\.tier "F" is not one of "C" "D" "E"/)
      // The message is the one evaluate gives for the same input.
      assert.equal(e.message, shftu.evaluate({ rule: 'mutual_aid.enroll', input }).error.message)
      return true
    },
  )
  assert.throws(
    () => shftu.mutualAidEnroll(input, { lang: 'zh-CN' }),
    (e) => e.message === shftu.evaluate({ rule: 'mutual_aid.enroll', input, lang: 'zh-CN' }).error.message,
  )
  assert.throws(() => shftu.mutualAidEnroll({ tier: 'E' }), (e) => e instanceof shftu.InvalidInputError && e.path === 'input.channel')
  assert.throws(() => shftu.mutualAidEnroll('E'), (e) => e instanceof shftu.InvalidInputError && e.path === 'input')
})

test('no message ends in white space', () => {
  const inputs = [{}, { tier: 'F' }, { tier: 'E', channel: 1 }, { tier: 'E', channel: 'group', date: 'x' }, 'x', [1]]
  for (const r of shftu.rules()) {
    const fn = shftu[r.id.replace(/[._]([a-z0-9])/g, (_, c) => c.toUpperCase())]
    for (const input of inputs) {
      for (const lang of ['en', 'zh-CN']) {
        try {
          fn(input, { lang })
        } catch (e) {
          assert.ok(e instanceof shftu.ShftuError)
          assert.equal(e.message, e.message.trim(), `${r.id} ${JSON.stringify(input)} ${lang}: ${JSON.stringify(e.message)}`)
        }
      }
    }
  }
})

test('unknown_edition from a typed call', () => {
  assert.throws(
    () => shftu.checkupQuote({ lines: [] }, { edition: '1999' }),
    (e) => e instanceof shftu.UnknownEditionError && e.code === 'unknown_edition' && e.path === 'edition',
  )
})

test('calendar_unavailable from a typed call', () => {
  // Working days counted past the calendar's last year (the holiday notices run to 2025).
  assert.throws(
    () => shftu.calendarAddWorkingDays({ from: '2025-12-20', days: 30 }),
    (e) => e instanceof shftu.CalendarUnavailableError && e.code === 'calendar_unavailable' && e.path === 'input.days',
  )
  // A mutual-aid date of another year is refused as outside the plan (R25), before any calendar is needed.
  assert.throws(
    () => shftu.mutualAidClaimDeadline({ benefit: 'accident_disability', coverage_end: '2031-12-31', event_date: '2031-06-01' }),
    (e) => e instanceof shftu.InvalidInputError && e.path === 'input.coverage_end',
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

test('explain: a clerk-ready account of a response, in either language; a text that is no response is refused', () => {
  const r = shftu.evaluate({ rule: 'mutual_aid.claim_deadline', input: { benefit: 'disease_death', coverage_end: '2023-12-31' } })
  const en = shftu.explain(r)
  assert.equal(en, shftu.explain(JSON.stringify(r), 'en'))
  assert.match(en, /mutual_aid\.claim_deadline/)
  assert.match(en, /2024-07-01/)
  assert.match(shftu.explain(r, 'zh-CN'), /2024年7月1日/)
  assert.throws(() => shftu.explain('{}'), (e) => e instanceof shftu.InvalidJsonError)
  assert.throws(() => shftu.explain(r, 'fr'), (e) => e instanceof shftu.InvalidInputError && e.path === 'lang')
  const bad = shftu.evaluate({ rule: 'checkup.quote', input: { lines: [{ package: 'L9', count: 1 }] } })
  assert.match(shftu.explain(bad), /invalid_input/)
})

test('the public package has no test hook', () => {
  assert.equal('__panicForTest' in shftu, false)
  assert.equal(typeof createRequire(import.meta.url)(join(root, 'shftu-rules.node')).__panicForTest, 'undefined')
  assert.equal(shftu.evaluate({ rule: 'test.panic', input: {} }).error.code, 'unknown_rule')
})

/** The test build (`npm run build:test`) beside a copy of index.js, in a folder of its own. */
function testBuild() {
  const addon = join(root, 'build', 'test', 'shftu-rules.node')
  if (!existsSync(addon)) throw new Error('no test build: run `npm run build:test` (bindings/node/ci.sh does)')
  const dir = mkdtempSync(join(tmpdir(), 'shftu-rules-test-'))
  mkdirSync(join(dir, 'lib'))
  cpSync(join(root, 'index.js'), join(dir, 'index.js'))
  cpSync(join(root, 'lib', 'names.js'), join(dir, 'lib', 'names.js'))
  cpSync(addon, join(dir, 'shftu-rules.node'))
  return join(dir, 'index.js')
}

test('a Rust panic is InternalError, and the process goes on (test build)', () => {
  const entry = testBuild()
  const lib = createRequire(import.meta.url)(entry)
  const native = createRequire(import.meta.url)(join(entry, '..', 'shftu-rules.node'))
  assert.throws(
    () => native.__panicForTest(),
    (e) => e.shftuClass === 'InternalError' && e.code === 'internal_error' && /internal error in shftu-rules/.test(e.message),
  )
  // A panic inside the core (the `test.panic` rule of the core's panic-hook feature), through evaluateJson.
  assert.throws(
    () => lib.evaluateJson('{"rule":"test.panic","input":{}}'),
    (e) => {
      assert.ok(e instanceof lib.InternalError)
      assert.ok(e instanceof lib.ShftuError)
      assert.equal(e.code, 'internal_error')
      assert.equal(e.path, null)
      assert.match(e.message, /internal error in shftu-rules \(please report it\): test\.panic/)
      return true
    },
  )
  // Still alive: the addon answers after the panics.
  assert.equal(lib.evaluate({ rule: 'labor_relations.guidance_subsidy', input: { person_days: 1 } }).ok, true)
})

test('a panic does not abort a child process either (exit code 0, InternalError caught)', () => {
  const script = `
    const s = require(${JSON.stringify(testBuild())})
    try { s.evaluateJson('{"rule":"test.panic","input":{}}') } catch (e) { console.log(e.constructor.name, e.code) }
    console.log(s.evaluate({ rule: 'labor_relations.guidance_subsidy', input: { person_days: 2 } }).result.subsidy)
  `
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, 'InternalError internal_error\n300.00\n')
})

test('the CommonJS entry and the ESM entry export the same things', async () => {
  const cjs = createRequire(import.meta.url)('../index.js')
  const esm = await import('../generated/index.mjs')
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort())
  assert.equal(esm.default, cjs)
  assert.equal(esm.evaluate, cjs.evaluate)
})
