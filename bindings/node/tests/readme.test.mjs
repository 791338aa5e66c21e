// The README's Quick start example, run as a program: what it prints must be what the README says.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { root } from './helpers.mjs'

const readme = readFileSync(join(root, 'README.md'), 'utf8')
const quickStart = readme.slice(readme.indexOf('## Quick start'))
const code = quickStart.match(/```js\n([\s\S]*?)```/)[1]
const printed = quickStart.match(/```text\n([\s\S]*?)```/)[1]

test('the README example runs and prints what the README shows', () => {
  assert.match(code, /from 'shftu-rules'/)
  // Run from the package folder, where `shftu-rules` resolves to this package itself.
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, printed)
})
