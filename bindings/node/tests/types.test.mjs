// The declarations under `tsc --strict`: tests/types/usage.ts (valid calls of every kind, and misspelt codes
// marked @ts-expect-error) type-checks, and tests/types/misspelt.ts (a misspelt package code) does NOT —
// the negative type test: declarations that let any string through would pass it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { root } from './helpers.mjs'

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022']

test('the declarations and the typed usage example type-check with tsc --strict', () => {
  const r = spawnSync(process.execPath, [tsc, ...flags, 'generated/index.d.ts', 'tests/types/usage.ts'], { cwd: root, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('a misspelt package code does not type-check', () => {
  const r = spawnSync(process.execPath, [tsc, ...flags, 'tests/types/misspelt.ts'], { cwd: root, encoding: 'utf8' })
  assert.notEqual(r.status, 0, 'tsc accepted a misspelt package code')
  assert.match(r.stdout, /misspelt\.ts\(\d+,\d+\): error TS\d+: Type '"cardoi"' is not assignable to type 'Package \| PackageName'/)
  assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout) // that error, and no other
})
