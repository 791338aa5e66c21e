// index.d.ts compiles under `tsc --strict`, and tests/types/usage.ts (valid calls, and misspelt unions
// marked @ts-expect-error) type-checks against it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { here } from './helpers.mjs'

const root = join(here, '..')

test('index.d.ts and the typed usage example type-check with tsc --strict', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const r = spawnSync(
    process.execPath,
    [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'index.d.ts', 'tests/types/usage.ts'],
    { cwd: root, encoding: 'utf8' },
  )
  assert.equal(r.status, 0, r.stdout + r.stderr)
})
