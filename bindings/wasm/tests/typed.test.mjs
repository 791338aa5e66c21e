// The typed functions (generated from the registry) answer exactly as `evaluate` does: for every case of
// the corpus that a typed call can express (no edition, default trace, whole numbers only — a JavaScript
// float is refused by design), in English and in Chinese, the result and trace equal the response's, and
// an error is thrown as the class of its code with the response's code, path and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from './lib/corpus.mjs';
import { canon, parse, plain, hasNonInteger } from './lib/json.mjs';
import { loadPackage, pkgDir, repo } from './lib/setup.mjs';

const rules = await loadPackage();
const description = rules.describe();

const ENVELOPE = new Set(['rule', 'input', 'lang']);

function expressible(c) {
  const r = c.request;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return false;
  if (!Object.keys(r).every((k) => ENVELOPE.has(k))) return false;
  if (typeof r.rule !== 'string' || !(r.rule in rules.RULE_FUNCTIONS)) return false;
  if (r.input === undefined || r.input === null) return false;
  return !hasNonInteger(r.input);
}

test('one typed function per rule of the registry, named after it', () => {
  const ids = description.rules.map((r) => r.id);
  assert.deepEqual(Object.keys(rules.RULE_FUNCTIONS), ids);
  for (const r of description.rules) {
    const name = r.function.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    assert.equal(typeof rules[name], 'function', `${r.id}: no function ${name}`);
    assert.equal(rules.RULE_FUNCTIONS[r.id], rules[name]);
  }
});

test('typed calls answer as evaluate does, for every expressible case of the corpus, in en and zh-CN', () => {
  const cases = loadCases().filter(expressible);
  assert.ok(cases.length > 200, `only ${cases.length} expressible cases`);
  const bad = [];
  let oks = 0;
  let errors = 0;
  for (const c of cases) {
    for (const lang of ['en', 'zh-CN']) {
      const request = { ...c.request, lang };
      const response = parse(rules.evaluate(canon(request)));
      const trace = [];
      let result;
      let thrown;
      try {
        result = rules.RULE_FUNCTIONS[c.request.rule](plain(c.request.input), { lang, trace });
      } catch (e) {
        thrown = e;
      }
      const label = `${c.file} / ${c.name} (${lang})`;
      if (response.ok === true) {
        oks++;
        if (thrown) bad.push(`${label}: threw ${thrown}`);
        else {
          if (canon(result) !== canon(response.result)) bad.push(`${label}: result ${canon(result)} != ${canon(response.result)}`);
          if (canon(trace) !== canon(response.trace)) bad.push(`${label}: trace ${canon(trace)} != ${canon(response.trace)}`);
        }
      } else {
        errors++;
        const e = response.error;
        if (!thrown) bad.push(`${label}: answered ${canon(result)}, expected ${canon(e)}`);
        else {
          const Class = rules.ERROR_CLASSES[e.code];
          if (!(thrown instanceof Class)) bad.push(`${label}: ${thrown.name}, expected ${Class.name}`);
          if (thrown.code !== e.code || thrown.path !== e.path || thrown.message !== e.message) {
            bad.push(`${label}: ${canon({ code: thrown.code, message: thrown.message, path: thrown.path })} != ${canon(e)}`);
          }
        }
      }
    }
  }
  assert.equal(bad.length, 0, `${bad.length} differences:\n${bad.slice(0, 10).join('\n')}`);
  assert.ok(oks > 100 && errors > 50, `${oks} ok and ${errors} error responses compared`);
});

test("every sample request of the README's main job through its typed function", () => {
  const lines = readFileSync(join(repo, 'spec/examples/requests.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const req = parse(line);
    const expected = parse(rules.evaluate(line));
    assert.equal(expected.ok, true, line);
    const got = rules.RULE_FUNCTIONS[req.rule](plain(req.input));
    assert.equal(canon(got), canon(expected.result), line);
  }
});

test("the plan's own names are accepted and the code echoed (心功能 → cardio)", () => {
  const kind = Object.values(description.enums).find((e) => Object.keys(e.aliases).length && e.codes.includes('cardio'));
  const alias = Object.entries(kind.aliases).find(([, code]) => code === 'cardio')[0];
  const q = rules.checkupQuote({ lines: [{ package: alias, count: 2 }] }, { lang: 'zh-CN' });
  assert.equal(q.lines[0].package, 'cardio');
  assert.equal(canon(q), canon(rules.checkupQuote({ lines: [{ package: 'cardio', count: 2 }] })));
});

test('money comes back as decimal strings, dates as ISO strings', () => {
  const e = rules.mutualAidEnroll({ tier: 'E', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1990-01-01' });
  assert.equal(typeof e.fee, 'string');
  assert.match(e.fee, /^\d+\.\d{2}$/);
  assert.match(e.coverage_start, /^\d{4}-\d{2}-\d{2}$/);
});

test('the package manifest carries the library version', () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(manifest.version, rules.version());
});
