// The generated declarations type-check real use with `tsc --strict`, and refuse what the rules refuse
// (tests/types/usage.ts: each @ts-expect-error line must be an error, or tsc reports it unused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('tsc --strict accepts tests/types/usage.ts against the generated index.d.ts', () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const p = spawnSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('./types/tsconfig.json', import.meta.url))], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stdout + p.stderr);
});
