// Builds the test addon: the same crate with the test-only `test-panic` feature (`__panicForTest`, and the
// core's `test.panic` rule), into build/test/shftu-rules.node — never into the package. The panic-safety
// tests (tests/errors.test.mjs) load it beside a copy of index.js. A debug build: it is only asked to panic.
import { execFileSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const napi = join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')
execFileSync(process.execPath, [napi, 'build', '--features', 'test-panic', '--output-dir', join('build', 'test')], {
  cwd: root,
  stdio: 'inherit',
})
