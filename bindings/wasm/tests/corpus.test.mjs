// The whole conformance corpus against the WebAssembly build in Node: every case's response (and its
// zh-CN response, when recorded) equal, in canonical form, to the recorded one; and every response text
// byte-identical to the native core's (the CLI) for the same request text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from './lib/corpus.mjs';
import { canon, parse } from './lib/json.mjs';
import { loadPackage, cliAnswers, cliPath } from './lib/setup.mjs';

const rules = await loadPackage();
const cases = loadCases();

test('the corpus is there', () => {
  assert.ok(cases.length > 300, `only ${cases.length} cases`);
});

const byFile = new Map();
for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
for (const [file, group] of byFile) {
  test(`corpus ${file}: every response as recorded`, () => {
    const bad = [];
    for (const c of group) {
      const got = canon(parse(rules.evaluate(c.text)));
      if (got !== c.response) bad.push(`${c.name}\n  got      ${got}\n  recorded ${c.response}`);
      if (c.zhResponse !== undefined) {
        if (c.zhText === null) {
          bad.push(`${c.name}: a zh-CN response is recorded for a request that is not an object`);
          continue;
        }
        const zh = canon(parse(rules.evaluate(c.zhText)));
        if (zh !== c.zhResponse) bad.push(`${c.name} (zh-CN)\n  got      ${zh}\n  recorded ${c.zhResponse}`);
      }
    }
    assert.equal(bad.length, 0, `${bad.length} of ${group.length} cases differ:\n${bad.slice(0, 10).join('\n')}`);
  });
}

test('every response text byte-identical to the native core (the CLI)', (t) => {
  // The CLI reads one request a line: the requests that hold a line break are left to the canonical check.
  const lines = [];
  for (const c of cases) {
    lines.push(c.text);
    if (typeof c.zhText === 'string') lines.push(c.zhText);
  }
  const oneLine = lines.filter((l) => !l.includes('\n') && !l.includes('\r'));
  const native = cliAnswers(oneLine);
  if (native === null) {
    t.skip(`no native CLI at ${cliPath} (cargo build --release -p shftu-rules-cli, or set SHFTU_CLI)`);
    return;
  }
  const bad = oneLine.filter((l, i) => rules.evaluate(l) !== native[i]);
  assert.equal(bad.length, 0, `${bad.length} of ${oneLine.length} responses differ from the CLI's, e.g. ${bad[0]}`);
  assert.ok(oneLine.length >= cases.length - 5);
});
