// The worker-facing page (web/) in a real browser: Debian's Chromium, headless, driven by playwright-core
// (no browser download), the page served by `python3 -m http.server` exactly as the README says.
//
// Each tool's form is filled as a worker would (dates as a phone keyboard types them), and the answer the
// page shows is checked against the core built for the host (the CLI) for the same request, byte for
// byte; the explanation against the core's `explain`, the clauses against the trace, the labels against
// `describe`. Bad input (an impossible date, a negative count, empty fields) must give a clear message
// in Chinese on the field, with no exception or error in the console. The page must fit a 375-px-wide
// screen, make no request while it is used, work offline once loaded (service worker), and pass axe-core
// with no serious or critical violation. A 375-px screenshot of each tool is saved under the output dir
// (SHFTU_WASM_WEB_OUT, default <repo>/target/wasm-web).
//
// Without Chromium (SHFTU_CHROMIUM, default /usr/bin/chromium) the tests are skipped with a message,
// unless SHFTU_WASM_REQUIRE_BROWSER=1 (ci.sh sets it when it could install Chromium).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { cliAnswers, cliPath, loadPackage, repo } from '../lib/setup.mjs';

const require = createRequire(import.meta.url);
const chromiumPath = process.env.SHFTU_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SHFTU_WASM_REQUIRE_BROWSER === '1';
const outDir = process.env.SHFTU_WASM_WEB_OUT ?? join(repo, 'target/wasm-web');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 375, height: 740 };

let skip = false;
if (!existsSync(chromiumPath)) {
  skip = `Chromium is not installed at ${chromiumPath} (apt-get install -y chromium fonts-noto-cjk): the browser tests are skipped`;
  if (required) throw new Error(skip);
  console.log(`# ${skip}`);
}
if (!existsSync(join(repo, 'web/vendor/shftu-rules-wasm/index.js'))) {
  throw new Error('web/vendor/shftu-rules-wasm is missing: run bindings/wasm/build.sh first');
}

const rules = await loadPackage();
const d = rules.describe();
const zh = (kind, code) => d.enums[kind].labels[code]['zh-CN'];

/** The core's answer (the native CLI) to a request text, or the WASM's in Node when the CLI is not built. */
function coreAnswer(request) {
  const native = cliAnswers([request]);
  return native === null ? rules.evaluate(request) : native[0];
}

describe('the page in headless Chromium', { skip }, () => {
  let server;
  let origin;
  let browser;
  let context;
  let page;
  const problems = []; // console errors and warnings, page errors
  const requests = []; // every request the page made: [url, method]

  before(async () => {
    mkdirSync(join(outDir, 'screens'), { recursive: true });
    // The README's command, on a free port.
    server = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', join(repo, 'web'), '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    origin = await new Promise((resolve, reject) => {
      let seen = '';
      server.stdout.on('data', (b) => {
        seen += b;
        const m = /port (\d+)/.exec(seen);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      server.on('exit', (c) => reject(new Error(`http.server exited ${c}`)));
      setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 15000);
    });
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: FLAGS, headless: true });
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    context.on('request', (r) => requests.push([r.url(), r.method()]));
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-ready=true]', { timeout: 30000 });
  });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  async function submit(tool) {
    await page.click(`#${tool}-form button[type=submit]`);
  }

  async function shown(tool) {
    const answer = page.locator(`#${tool}-answer`);
    return {
      request: await answer.locator('.raw-request').textContent(),
      response: await answer.locator('.raw-response').textContent(),
      explain: (await answer.locator('.explain').count()) ? await answer.locator('.explain').textContent() : null,
      clauses: await answer.locator('ol.clauses li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.clause').textContent, li.lastChild.textContent])),
      error: (await answer.locator('[role=alert]').count()) ? await answer.locator('[role=alert]').textContent() : null,
    };
  }

  /** The answer shown equals the core's for the same request: response bytes, explanation, clauses. */
  function checkAnswer(s, expectedRequest) {
    assert.deepEqual(JSON.parse(s.request), expectedRequest);
    assert.equal(s.response, coreAnswer(s.request), 'the response differs from the core (CLI) for the same request');
    const response = JSON.parse(s.response);
    assert.equal(response.ok, true, s.response);
    assert.equal(s.explain, rules.explain(s.response, 'zh-CN'));
    assert.deepEqual(s.clauses, response.trace.map((t) => [t.clause, t.note]));
    assert.equal(s.error, null);
    return response;
  }

  /** A screenshot of a tool at the phone's full width (375 px), from its heading to the end of its answer. */
  async function screenshot(tool) {
    const box = await page.locator(`#${tool}`).boundingBox();
    const y = box.y + (await page.evaluate(() => window.scrollY));
    await page.screenshot({ path: join(outDir, `screens/${tool}.png`), fullPage: true, clip: { x: 0, y, width: PHONE.width, height: box.height } });
  }

  async function fits() {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the page is ${width} px wide on a ${PHONE.width}-px screen`);
  }

  test('the forms list the codes with the labels of the registry, nothing hard-coded', async () => {
    for (const [tool, rule] of [['enroll', 'mutual_aid.enroll'], ['deadline', 'mutual_aid.claim_deadline'], ['checkup', 'checkup.quote']]) {
      const r = d.rules.find((x) => x.id === rule);
      for (const f of r.input.fields) {
        const s = f.shape.type === 'array' ? f.shape.items.fields.find((x) => x.shape.type === 'enum').shape : f.shape;
        if (s.type === 'enum') {
          const options = f.shape.type === 'array'
            ? await page.locator(`#${tool}-form input[data-code]`).evaluateAll((els) => els.map((e) => [e.dataset.code, e.labels[0].textContent]))
            : (await page.locator(`#${tool}-${f.name} option`).evaluateAll((os) => os.map((o) => [o.value, o.textContent]))).slice(1);
          assert.deepEqual(options, s.codes.map((c) => [c, zh(s.kind, c)]), `${rule}.${f.name}`);
        }
        // Every field of the rule has the page's words (a label that is not just the field's name).
        const labelled = await page.locator(`#${tool}-form`).evaluate((form, name) => {
          const el = form.querySelector(`[name="${name}"]`) ?? form.querySelector(`[id$="-${name}-label"]`);
          const text = el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
          return text.trim() !== '' && text.trim() !== name;
        }, f.name);
        assert.ok(labelled, `${rule}: the field ${f.name} has no words on the page`);
      }
    }
  });

  test('新就业专享计划: tier, channel and dates → accepted, coverage, fee; and why not', async () => {
    await page.selectOption('#enroll-tier', 'E');
    await page.selectOption('#enroll-channel', 'group');
    await page.fill('#enroll-date', '2023.5.15');
    await page.selectOption('#enroll-industry', 'courier');
    await page.fill('#enroll-birth_date', '1990年1月1日');
    await submit('enroll');
    const response = checkAnswer(await shown('enroll'), {
      rule: 'mutual_aid.enroll',
      lang: 'zh-CN',
      input: { tier: 'E', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1990-01-01' },
    });
    assert.equal(response.result.accepted, true);
    await assert.doesNotReject(page.locator('#enroll-answer .verdict.yes').waitFor());
    const figures = await page.locator('#enroll-answer dl.figures').textContent();
    assert.match(figures, new RegExp(`${Number(response.result.fee).toFixed(2).replace('.', '\\.')}元`));
    await fits();
    await screenshot('enroll');

    // Too old: not accepted, with the reason's label from the catalogue.
    await page.fill('#enroll-birth_date', '1950-01-01');
    await submit('enroll');
    const no = checkAnswer(await shown('enroll'), {
      rule: 'mutual_aid.enroll',
      lang: 'zh-CN',
      input: { tier: 'E', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1950-01-01' },
    });
    assert.equal(no.result.accepted, false);
    const verdict = await page.locator('#enroll-answer').textContent();
    for (const reason of no.result.reasons) assert.ok(verdict.includes(zh('mutual_aid.reason', reason)), reason);
    await page.locator('#enroll-answer .verdict.no').waitFor();
  });

  test('理赔时限: benefit and dates → the last day to claim on the working-day calendar', async () => {
    await page.selectOption('#deadline-benefit', 'disease_death');
    await page.fill('#deadline-coverage_end', '2023-12-31');
    await submit('deadline');
    const response = checkAnswer(await shown('deadline'), {
      rule: 'mutual_aid.claim_deadline',
      lang: 'zh-CN',
      input: { benefit: 'disease_death', coverage_end: '2023-12-31' },
    });
    const [y, m, day] = response.result.last_day.split('-').map(Number);
    assert.match(await page.locator('#deadline-answer dd.big').textContent(), new RegExp(`${y}年${m}月${day}日`));
    await fits();
    await screenshot('deadline');

    await page.selectOption('#deadline-benefit', 'accident_disability');
    await page.fill('#deadline-event_date', '２０２３／８／８'); // full-width, as a Chinese keyboard may type it
    await submit('deadline');
    checkAnswer(await shown('deadline'), {
      rule: 'mutual_aid.claim_deadline',
      lang: 'zh-CN',
      input: { benefit: 'accident_disability', coverage_end: '2023-12-31', event_date: '2023-08-08' },
    });
  });

  test('体检套餐: packages and counts → price, union subsidy, payable', async () => {
    await page.fill('#checkup-count-L1', '2');
    await page.fill('#checkup-count-cardio', '1');
    await submit('checkup');
    const response = checkAnswer(await shown('checkup'), {
      rule: 'checkup.quote',
      lang: 'zh-CN',
      input: { lines: [{ package: 'L1', count: 2 }, { package: 'cardio', count: 1 }] },
    });
    const foot = await page.locator('#checkup-answer table.quote tfoot').textContent();
    for (const k of ['price', 'subsidy', 'payable']) assert.ok(foot.includes(response.result.total[k]), `${k} ${response.result.total[k]} in ${foot}`);
    await fits();
    await screenshot('checkup');
  });

  async function badInput(tool, fill, field) {
    await fill();
    await submit(tool);
    const alert = page.locator(`#${tool}-answer [role=alert]`);
    await alert.waitFor();
    const message = await alert.textContent();
    assert.match(message, /[\u4e00-\u9fff]/, `not in Chinese: ${message}`);
    if (field) {
      const control = page.locator(field);
      assert.equal(await control.getAttribute('aria-invalid'), 'true', `${field} is not marked invalid`);
      assert.ok((await control.getAttribute('aria-describedby')).includes(`${tool}-error`));
      assert.ok(await control.evaluate((el) => el === document.activeElement), `${field} does not have the focus`);
    }
    return message;
  }

  test('bad input: an impossible date, a negative count, empty fields — a clear message in Chinese on the field', async () => {
    // An impossible date: the core's message, prefixed with the field's label.
    let msg = await badInput('enroll', () => page.fill('#enroll-date', '2023-02-30'), '#enroll-date');
    const shownEnroll = await shown('enroll');
    const core = JSON.parse(coreAnswer(shownEnroll.request));
    assert.equal(core.ok, false);
    assert.equal(msg, `请检查「确认或缴费日期」：${core.error.message}`);
    await page.fill('#enroll-date', '2023-05-15');

    // Not a date at all.
    msg = await badInput('deadline', () => page.fill('#deadline-coverage_end', '明年'), '#deadline-coverage_end');
    assert.ok(msg.includes('明年'), msg);

    // A negative count.
    msg = await badInput('checkup', () => page.fill('#checkup-count-cardio', '-2'), '#checkup-count-cardio');
    const quote = JSON.parse(coreAnswer((await shown('checkup')).request));
    assert.equal(msg, `请检查「${zh('checkup.package', 'cardio')}」：${quote.error.message}`);
    // Not a number.
    await badInput('checkup', () => page.fill('#checkup-count-cardio', '两个'), '#checkup-count-cardio');

    // Empty fields: the first missing field is named; no count at all is asked for.
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-ready=true]');
    msg = await badInput('enroll', async () => {}, '#enroll-tier');
    const empty = JSON.parse(coreAnswer(JSON.stringify({ rule: 'mutual_aid.enroll', lang: 'zh-CN', input: {} })));
    assert.ok(msg.endsWith(empty.error.message), msg);
    await badInput('deadline', async () => {}, '#deadline-benefit');
    msg = await badInput('checkup', async () => {}, '#checkup-count-L1');
    assert.match(msg, /请至少/);
    await fits();
    // A good answer after a bad one clears the marks.
    await page.fill('#checkup-count-L2', '3');
    await submit('checkup');
    await page.locator('#checkup-answer table.quote').waitFor();
    assert.equal(await page.locator('#checkup-form [aria-invalid]').count(), 0);
  });

  test('nothing is sent anywhere: no request while the tools are used, and only the page’s own files ever', async () => {
    const before = requests.length;
    await page.selectOption('#deadline-benefit', 'hospital_days');
    await page.fill('#deadline-coverage_end', '2023-06-30');
    await submit('deadline');
    await page.locator('#deadline-answer .explain').waitFor();
    await page.fill('#checkup-count-tumor', '4');
    await submit('checkup');
    await page.locator('#checkup-answer table.quote').waitFor();
    assert.deepEqual(requests.slice(before), [], 'requests made while the tools were used');
    for (const [url, method] of requests) {
      assert.equal(method, 'GET', url);
      assert.ok(url.startsWith(`${origin}/`), `a request to another origin: ${url}`);
    }
  });

  test('offline once loaded: the service worker serves the page and the rules', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const served = [];
    const record = (r) => served.push([r.url(), r.fromServiceWorker(), r.status()]);
    page.on('response', record);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('html[data-ready=true]', { timeout: 30000 });
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is not controlled by the service worker');
      const wasm = served.filter(([url]) => url.endsWith('.wasm'));
      assert.ok(wasm.length > 0 && wasm.every(([, sw, status]) => sw && status === 200), `the rules were not served by the service worker: ${JSON.stringify(served)}`);
      await page.fill('#checkup-count-blood', '5');
      await submit('checkup');
      const s = await shown('checkup');
      assert.equal(s.response, coreAnswer(s.request));
    } finally {
      page.off('response', record);
      await context.setOffline(false);
    }
  });

  test('accessibility: axe-core finds no serious or critical violation, on answers and on errors', async () => {
    // axe is injected as a script, which the page's Content-Security-Policy forbids: a context that bypasses it.
    const a11y = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'zh-CN' });
    const p = await a11y.newPage();
    p.on('pageerror', (e) => problems.push(`page error (a11y): ${e.message}`));
    await p.goto(`${origin}/`);
    await p.waitForSelector('html[data-ready=true]');
    const axePath = require.resolve('axe-core/axe.min.js');
    const runs = {};
    async function audit(name) {
      await p.addScriptTag({ path: axePath });
      const r = await p.evaluate(async () => {
        const res = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return {
          passes: res.passes.length,
          violations: res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
        };
      });
      assert.ok(r.passes > 10, `axe checked only ${r.passes} rules`);
      runs[name] = r;
      return r.violations;
    }
    await audit('loaded');
    await p.selectOption('#enroll-tier', 'D');
    await p.selectOption('#enroll-channel', 'individual');
    await p.fill('#enroll-date', '2023-04-03');
    await p.selectOption('#enroll-industry', 'food_delivery');
    await p.fill('#enroll-birth_date', '1985-06-15');
    await p.click('#enroll-form button[type=submit]');
    await p.selectOption('#deadline-benefit', 'disease_death');
    await p.fill('#deadline-coverage_end', '2023-12-31');
    await p.click('#deadline-form button[type=submit]');
    await p.fill('#checkup-count-L3', '1');
    await p.click('#checkup-form button[type=submit]');
    await p.locator('#checkup-answer table.quote').waitFor();
    await p.evaluate(() => document.querySelectorAll('details').forEach((x) => { x.open = true; }));
    await audit('answers');
    await p.fill('#enroll-date', '2023-13-01');
    await p.click('#enroll-form button[type=submit]');
    await p.fill('#checkup-count-L3', '-1');
    await p.click('#checkup-form button[type=submit]');
    await p.locator('#checkup-answer [role=alert]').waitFor();
    await audit('errors');
    await a11y.close();
    writeFileSync(join(outDir, 'axe.json'), `${JSON.stringify(runs, null, 2)}\n`);
    const bad = Object.entries(runs).flatMap(([name, { violations: vs }]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).join(', ')}`));
    assert.deepEqual(bad, []);
  });

  test('no exception and no error or warning in the console', () => {
    assert.deepEqual(problems, []);
  });

  test('a 375-px screenshot of each tool is saved', (t) => {
    for (const tool of ['enroll', 'deadline', 'checkup']) {
      const path = join(outDir, `screens/${tool}.png`);
      assert.ok(existsSync(path), path);
      t.diagnostic(`screenshot: ${path}`);
    }
    t.diagnostic(existsSync(cliPath) ? `answers checked against the native CLI ${cliPath}` : `no CLI at ${cliPath}: answers checked against the WASM in Node`);
  });
});
