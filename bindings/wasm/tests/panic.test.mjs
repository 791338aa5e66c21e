// No panic crosses into JavaScript: with the core's test-only `panic-hook` feature (build.sh with
// SHFTU_WASM_FEATURES=panic-hook into pkg-panic), the rule id `test.panic` panics inside the core. On
// wasm32 a panic aborts (traps); the call must throw InternalError (code internal_error, the panic's
// message), and the next calls must be answered by a fresh instance, as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackage, repo } from './lib/setup.mjs';

const dir = process.env.SHFTU_WASM_PANIC_PKG ?? join(repo, 'bindings/wasm/pkg-panic');
const required = process.env.SHFTU_WASM_REQUIRE_PANIC === '1';
const built = existsSync(join(dir, 'node.js'));

test('a panic inside the core becomes InternalError, and the module answers again', { skip: !built && !required && `no panic-hook build at ${dir} (SHFTU_WASM_FEATURES=panic-hook SHFTU_WASM_PROFILE=dev SHFTU_WASM_OUT=${dir} bindings/wasm/build.sh)` }, async () => {
  const r = await loadPackage(dir);
  const good = '{"rule":"checkup.quote","input":{"lines":[{"package":"L2","count":3}]}}';
  const before = r.evaluate(good);
  for (let round = 0; round < 3; round++) {
    let thrown;
    try {
      r.evaluate('{"rule":"test.panic","input":{}}');
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof r.InternalError, `round ${round}: ${thrown}`);
    assert.ok(thrown instanceof r.ShftuError);
    assert.equal(thrown.code, 'internal_error');
    assert.equal(thrown.path, null);
    assert.match(thrown.message, /deliberate panic/);
    assert.ok(thrown.cause instanceof Error, 'the trap is kept as the cause');
    // A fresh instance answers, the same bytes as before, typed calls too.
    assert.equal(r.evaluate(good), before);
    assert.equal(r.checkupQuote({ lines: [{ package: 'L2', count: 3 }] }).total.price, JSON.parse(before).result.total.price);
    assert.match(r.explain(before, 'zh-CN'), /体检/);
  }
});
