// generated/index.d.ts against the library: it is what the generator makes from the registry now, its
// string-literal unions hold exactly the core's codes, every function it declares exists (and every export
// is declared), and every typed result has the fields its interface declares.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import * as shftu from '../generated/index.mjs'
import { root, vectorFiles, typedName } from './helpers.mjs'

const dts = readFileSync(join(root, 'generated', 'index.d.ts'), 'utf8')

function union(name) {
  const m = dts.match(new RegExp(`^export type ${name} = (.+)$`, 'm'))
  if (!m) return null
  return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1])
}

test('the generated files are what the generator makes from the registry now', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'generate.mjs'), '--check'], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('every string-literal union holds exactly the codes of the core, and its other names', () => {
  const values = shftu.enumValues()
  const d = shftu.describe()
  assert.ok(Object.keys(values).length >= 20)
  for (const [name, expected] of Object.entries(values)) {
    assert.deepEqual(union(name), expected, `export type ${name}`)
  }
  for (const e of Object.values(d.enums)) {
    const aliases = Object.keys(e.aliases)
    if (aliases.length === 0) continue
    const name = Object.keys(values).find((n) => values[n].join() === e.codes.join() && union(`${n}Name`))
    assert.deepEqual(union(`${name}Name`), aliases, `export type ${name}Name`)
  }
  assert.deepEqual(union('RuleId'), null) // a multi-line union: checked below
  const ruleIds = [...dts.match(/^export type RuleId =\n((?: {2}\| '[^']*'\n)+)/m)[1].matchAll(/'([^']*)'/g)].map((m) => m[1])
  assert.deepEqual(ruleIds, shftu.rules().map((r) => r.id))
  assert.deepEqual(union('WireErrorCode'), shftu.errorCodes())
  assert.deepEqual(union('Lang'), d.langs)
  assert.deepEqual(union('LimitName'), Object.keys(d.limits))
})

test('every function the declarations declare is exported, and every export is declared', () => {
  const declared = [...new Set([...dts.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]))].sort()
  const exported = Object.keys(shftu).filter((k) => k !== 'default').sort()
  assert.deepEqual(declared, exported)
})

/** The fields of `export interface Name { … }` (top level only). */
function fields(name) {
  const m = dts.match(new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm'))
  if (!m) return null
  return [...m[1].matchAll(/^ {2}(\w+)\??:/gm)].map((x) => x[1])
}

test('every typed result has exactly the fields of its interface; every input field is declared', () => {
  const seen = new Set()
  for (const { cases } of vectorFiles()) {
    for (const c of cases) {
      if (!c.response || !c.response.ok || seen.has(c.response.rule)) continue
      seen.add(c.response.rule)
      const name = typedName(c.response.rule)
      const iface = name.charAt(0).toUpperCase() + name.slice(1) + 'Result'
      const declared = fields(iface)
      assert.ok(declared, `interface ${iface}`)
      const optional = new Set([...dts.match(new RegExp(`^export interface ${iface} \\{\\n([\\s\\S]*?)^\\}`, 'm'))[1].matchAll(/^ {2}(\w+)\?:/gm)].map((x) => x[1]))
      const got = Object.keys(c.response.result)
      for (const k of got) assert.ok(declared.includes(k), `${iface}: result field ${k}`)
      for (const k of declared) assert.ok(got.includes(k) || optional.has(k), `${iface}: ${k} is required but missing`)
      const input = fields(iface.replace(/Result$/, 'Input'))
      assert.ok(input, `interface ${iface.replace(/Result$/, 'Input')}`)
      for (const k of Object.keys(c.request.input ?? {})) assert.ok(input.includes(k), `${iface}: input field ${k}`)
    }
  }
  assert.equal(seen.size, shftu.rules().length)
})
