// Hostile and careless input from JavaScript: every case answers with a ShftuError of the right code (or
// a TypeError for a call that breaks the API's types), never an InternalError, and the module keeps
// answering afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPackage } from './lib/setup.mjs';
import { parse } from './lib/json.mjs';

const r = await loadPackage();
const enroll = { tier: 'E', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1990-01-01' };

function throwsCode(f, code, path) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof r.ShftuError, `expected a ShftuError ${code}, got ${thrown}`);
  assert.ok(!(thrown instanceof r.InternalError), `an internal error: ${thrown}`);
  assert.equal(thrown.code, code, thrown.message);
  if (path !== undefined) assert.equal(thrown.path, path, thrown.message);
  assert.ok(thrown.message.length > 0);
  return thrown;
}

test('evaluate takes JSON text only; evaluateMany an array of texts', () => {
  assert.throws(() => r.evaluate({ rule: 'checkup.quote' }), TypeError);
  assert.throws(() => r.evaluate(undefined), TypeError);
  assert.throws(() => r.evaluateMany('x'), TypeError);
  assert.throws(() => r.evaluateMany(['{}', 5]), TypeError);
  const texts = ['{"rule":"checkup.packages","input":{}}', 'not json', '{"rule":"nope","input":{}}'];
  assert.deepEqual(r.evaluateMany(texts), texts.map((t) => r.evaluate(t)));
});

test('an over-long request is refused before it is copied in, with the core answer to it', () => {
  const limit = r.describe().limits.request_bytes;
  // Over the limit in bytes but not in UTF-16 units: the core itself answers.
  const core = r.evaluate('é'.repeat(limit / 2 + 1));
  // Over the limit in units: the binding answers without copying; the same answer, with its own size.
  const early = r.evaluate('x'.repeat(limit + 7));
  const e = parse(core);
  assert.equal(e.error.code, 'limit_exceeded');
  assert.equal(e.error.path, 'request');
  assert.equal(early, core.replace(String(limit + 2), String(limit + 7)));
  // Astral characters are four bytes, a lone surrogate three (as it is written in UTF-8).
  const astral = parse(r.evaluate('😀'.repeat(limit / 2 + 1)));
  assert.match(astral.error.message, new RegExp(String((limit / 2 + 1) * 4)));
  const lone = parse(r.evaluate('\ud800'.repeat(limit + 1)));
  assert.match(lone.error.message, new RegExp(String((limit + 1) * 3)));
});

test('typed inputs are read as JSON.stringify would see them', () => {
  // An inherited property is not read.
  throwsCode(() => r.mutualAidEnroll(Object.assign(Object.create({ tier: 'E' }), { ...enroll, tier: undefined })), 'invalid_input', 'input.tier');
  // A non-enumerable one neither.
  const hidden = { ...enroll };
  Object.defineProperty(hidden, 'tier', { value: 'E', enumerable: false });
  throwsCode(() => r.mutualAidEnroll(hidden), 'invalid_input', 'input.tier');
  // An undefined property is absent, even an unknown one.
  assert.equal(r.mutualAidEnroll({ ...enroll, nonsense: undefined }).accepted, true);
  // An own __proto__ key (as JSON.parse makes it) is an unknown field.
  throwsCode(() => r.mutualAidEnroll(JSON.parse(`{"__proto__": 1, "tier": "E"}`)), 'invalid_input', 'input.__proto__');
});

test('numbers: safe integers and bigints are counts; any other number is refused, money too', () => {
  assert.equal(r.checkupQuote({ lines: [{ package: 'L1', count: 2n }] }).total.price, '620.00');
  assert.equal(r.checkupQuote({ lines: [{ package: 'L1', count: -0 }] }).total.price, '0.00');
  for (const count of [1.5, NaN, Infinity, 2 ** 53, -1]) {
    throwsCode(() => r.checkupQuote({ lines: [{ package: 'L1', count }] }), 'invalid_input', 'input.lines[0].count');
  }
  const goods = { spent_per_person: '300.00', amount_per_person: 80.5 };
  throwsCode(() => r.loveShanghaiGoodsCheck(goods), 'invalid_input', 'input.amount_per_person');
  // A safe integer is exact: 80 is read as 80.00, as the text "80.00" is.
  assert.deepEqual(r.loveShanghaiGoodsCheck({ ...goods, amount_per_person: 80 }), r.loveShanghaiGoodsCheck({ ...goods, amount_per_person: '80.00' }));
});

test('hostile objects: throwing getters, proxies, revoked proxies, cycles, symbols, functions, huge sparse arrays', () => {
  const getter = { ...enroll };
  Object.defineProperty(getter, 'tier', { get() { throw new Error('getter'); }, enumerable: true });
  throwsCode(() => r.mutualAidEnroll(getter), 'invalid_input', 'input.tier');
  const trap = new Proxy({}, { ownKeys() { throw new Error('ownKeys'); }, get() { throw new Error('get'); } });
  throwsCode(() => r.mutualAidEnroll(trap), 'invalid_input');
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  throwsCode(() => r.mutualAidEnroll(proxy), 'invalid_input');
  throwsCode(() => r.checkupQuote({ lines: proxy }), 'invalid_input', 'input.lines');
  const cyclic = { ...enroll };
  cyclic.self = cyclic;
  throwsCode(() => r.mutualAidEnroll(cyclic), 'invalid_input', 'input.self');
  throwsCode(() => r.mutualAidEnroll({ ...enroll, tier: Symbol('E') }), 'invalid_input', 'input.tier');
  throwsCode(() => r.mutualAidEnroll({ ...enroll, tier: () => 'E' }), 'invalid_input', 'input.tier');
  throwsCode(() => r.mutualAidEnroll(() => enroll), 'invalid_input');
  throwsCode(() => r.mutualAidEnroll({ ...enroll, date: new Date(2023, 4, 15) }), 'invalid_input', 'input.date');
  throwsCode(() => r.mutualAidEnroll({ ...enroll, tier: new String('E') }), 'invalid_input', 'input.tier');
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  throwsCode(() => r.checkupQuote({ lines: sparse }), 'limit_exceeded', 'input.lines');
  throwsCode(() => r.checkupQuote({ lines: [, { package: 'L1', count: 1 }] }), 'invalid_input', 'input.lines[0]');
  throwsCode(() => r.mutualAidEnroll(null), 'invalid_input', 'input');
  throwsCode(() => r.mutualAidEnroll('E'), 'invalid_input', 'input');
  // And the module is still well.
  assert.equal(r.mutualAidEnroll(enroll).accepted, true);
});

test('options: lang is a tag of the catalogue, trace an array; no edition', () => {
  throwsCode(() => r.mutualAidEnroll(enroll, { lang: 'fr' }), 'invalid_input', 'lang');
  assert.throws(() => r.mutualAidEnroll(enroll, { trace: 'yes' }), TypeError);
  assert.throws(() => r.mutualAidEnroll(enroll, 'zh-CN'), TypeError);
  const zh = throwsCode(() => r.checkupQuote({ lines: [{ package: 'L5', count: 1 }] }, { lang: 'zh-CN' }), 'invalid_input');
  const en = throwsCode(() => r.checkupQuote({ lines: [{ package: 'L5', count: 1 }] }), 'invalid_input');
  assert.equal(zh.path, en.path);
  assert.notEqual(zh.message, en.message);
  assert.match(zh.message, /[\u4e00-\u9fff]/);
});

test('explain: a response as text or object, in either language; anything else is an error', () => {
  const resp = r.evaluate('{"rule":"mutual_aid.claim_deadline","input":{"benefit":"disease_death","coverage_end":"2023-12-31"}}');
  assert.equal(r.explain(resp, 'zh-CN'), r.explain(JSON.parse(resp), 'zh-CN'));
  assert.notEqual(r.explain(resp, 'zh-CN'), r.explain(resp));
  assert.equal(r.explain(resp), r.explain(resp, 'en'));
  throwsCode(() => r.explain(resp, 'fr'), 'invalid_input', 'lang');
  throwsCode(() => r.explain('not json', 'zh-CN'), 'invalid_json');
  throwsCode(() => r.explain('{"hello":1}'), 'invalid_json');
});

test('describe is frozen data; the error classes form one family', () => {
  const d = r.describe();
  assert.ok(Object.isFrozen(d) && Object.isFrozen(d.rules[0]));
  assert.equal(r.describe(), d);
  for (const [code, Class] of Object.entries(r.ERROR_CLASSES)) {
    const e = new Class('m', code, null);
    assert.ok(e instanceof r.ShftuError && e instanceof Error);
    assert.equal(e.name, Class.name);
  }
  assert.deepEqual(Object.keys(r.ERROR_CLASSES), [...d.errors, 'internal_error']);
});

test('1,000 typed calls and evaluations in a row (the module keeps no state between calls)', () => {
  const first = r.evaluate('{"rule":"checkup.quote","input":{"lines":[{"package":"L2","count":3}]}}');
  for (let i = 0; i < 1000; i++) {
    assert.equal(r.evaluate('{"rule":"checkup.quote","input":{"lines":[{"package":"L2","count":3}]}}'), first);
    assert.equal(r.checkupQuote({ lines: [{ package: 'L2', count: 3 }] }).total.price, '1380.00');
  }
});
