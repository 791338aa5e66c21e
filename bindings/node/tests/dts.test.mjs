// index.d.ts against the library: its string-literal unions hold exactly the core's values, every
// function it declares exists, and every typed result has the fields its interface declares.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as shftu from '../index.mjs'
import { here, vectorFiles, typedName } from './helpers.mjs'

const dts = readFileSync(join(here, '..', 'index.d.ts'), 'utf8')

function union(name) {
  const m = dts.match(new RegExp(`^export type ${name} = (.+)$`, 'm'))
  if (!m) return null
  return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1])
}

test('every string-literal union of index.d.ts holds exactly the values of the core', () => {
  const values = shftu.enumValues()
  assert.ok(Object.keys(values).length >= 20)
  for (const [name, expected] of Object.entries(values)) {
    assert.deepEqual(union(name), expected, `export type ${name}`)
  }
})

test('every function index.d.ts declares is exported, and every export is declared', () => {
  const declared = [...dts.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]).sort()
  const exported = Object.keys(shftu).filter((k) => k !== 'default').sort()
  assert.deepEqual(declared, exported)
})

/** The fields of `export interface Name { … }` (top level only). */
function fields(name) {
  const m = dts.match(new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm'))
  if (!m) return null
  return [...m[1].matchAll(/^ {2}(\w+)\??:/gm)].map((x) => x[1])
}

test('every typed result has exactly the fields of its interface', () => {
  const seen = new Set()
  for (const { cases } of vectorFiles()) {
    for (const c of cases) {
      if (!c.response || !c.response.ok || seen.has(c.response.rule)) continue
      seen.add(c.response.rule)
      const name = typedName(c.response.rule)
      const iface = name.charAt(0).toUpperCase() + name.slice(1) + 'Result'
      const declared = fields(iface)
      assert.ok(declared, `interface ${iface}`)
      assert.deepEqual(Object.keys(c.response.result).sort(), [...declared].sort(), iface)
      const input = fields(iface.replace(/Result$/, 'Input'))
      if (input) {
        for (const k of Object.keys(c.request.input ?? {})) assert.ok(input.includes(k), `${iface}: input field ${k}`)
      }
    }
  }
  assert.ok(seen.size >= 20)
})
