// Rebuilds the addon and fails when the generated files that are committed (index.d.ts from
// `napi build`, index.mjs from scripts/gen-esm.mjs) differ from what the build makes now.
import { execSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const files = ['index.d.ts', 'index.mjs']
const before = Object.fromEntries(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]))
execSync('npm run build', { cwd: root, stdio: 'inherit' })
let stale = 0
for (const f of files) {
  if (readFileSync(join(root, f), 'utf8') !== before[f]) {
    console.error(`check:dts: ${f} was out of date; the build has rewritten it: review and commit it`)
    stale += 1
  }
}
if (stale > 0) process.exit(1)
console.log(`check:dts: ${files.join(' and ')} are current`)
