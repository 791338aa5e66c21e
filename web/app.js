// The page: three tools whose forms are built from the rule registry (`describe`), answered by the rules'
// own engine compiled to WebAssembly, in Chinese. The rules' words — the names of tiers, benefits and
// packages, the explanation, the clauses and every error message — come from the core; this file holds
// only the page's own words (field labels, hints, headings). Nothing is sent anywhere: the request is
// answered on the device (see the Content-Security-Policy in index.html).

const LANG = 'zh-CN';
const PACKAGE = './vendor/shftu-rules-wasm/index.js';

// The page's words for the fields of each tool's rule. A field the registry adds later shows its name
// until it gets words here (tests/browser checks that every field has them).
const FIELDS = {
  'mutual_aid.enroll': {
    tier: { label: '参保档次' },
    channel: { label: '参保渠道' },
    date: { label: '确认或缴费日期', hint: '团体参保填区工会确认名单的日期；个人参保填线上缴费成功的日期。' },
    industry: { label: '从事的行业' },
    birth_date: { label: '出生日期' },
    platform_worker: { label: '已在平台注册，并以平台名义接单' },
    renewing_2022_plan: { label: '参加过2022年计划，由区工会办理续保' },
    already_enrolled: { label: '本保障期内已参保过一份（每人只能参保一份）' },
  },
  'mutual_aid.claim_deadline': {
    benefit: { label: '申请的保障项目' },
    coverage_end: { label: '保障期满日', hint: '保障期的最后一天。' },
    event_date: { label: '事故发生日', hint: '申请意外伤残时必填，其他项目可不填。' },
  },
  'checkup.quote': {
    lines: { label: '套餐和人数', hint: '只为要参加的套餐填写人数，其余留空。' },
    package: { label: '套餐' },
    count: { label: '人数' },
  },
};
const DATE_HINT = '例如 2023-05-15，也可写 2023.5.15 或 2023年5月15日。';

// The page's words for the figures of each answer (the values are formatted by their shape).
const FIGURES = {
  'mutual_aid.enroll': [
    ['coverage_start', '起保日'],
    ['coverage_end', '满期日'],
    ['months', '保障月数', '个月'],
    ['fee', '费用'],
    ['fee_kind', '费用类别'],
  ],
  'mutual_aid.claim_deadline': [
    ['last_day', '最后理赔日', '', 'big'],
    ['basis', '起算依据'],
  ],
};

let rules = null;
let description = null;
const tools = new Map(); // rule id -> { section, form, answer, rule, matrix }

// ---- small helpers --------------------------------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const FULL_WIDTH = /[\uff10-\uff19\uff0d\uff0f\uff0e\uff0b]/g;
function halfWidth(s) {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/** `2023/5/15`, `2023.5.15`, `2023年5月15日`, `20230515` → `2023-05-15`; anything else as typed, for the rules to judge. */
function normaliseDate(raw) {
  const t = halfWidth(raw);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
}

/** A whole number as a number; anything else as typed, for the rules to judge (they refuse it in Chinese). */
function readCount(raw) {
  const t = halfWidth(raw);
  return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t;
}

function label(kind, code) {
  return description.enums[kind]?.labels?.[code]?.[LANG] ?? code;
}

/** `1234.5` → `1,234.50` (as the rules write yuan in Chinese). */
function amount(text) {
  const [int, frac = '00'] = String(text).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}

function yuan(text) {
  return `${amount(text)}元`;
}

function dateZh(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : String(text);
}

function formatValue(shape, v) {
  if (v === null || v === undefined) return '—';
  switch (shape.type) {
    case 'money':
      return yuan(v);
    case 'date':
      return dateZh(v);
    case 'enum':
      return label(shape.kind, v);
    case 'bool':
      return v ? '是' : '否';
    case 'array':
      return v.map((x) => formatValue(shape.items, x)).join('、');
    default:
      return String(v);
  }
}

function ruleOf(id) {
  return description.rules.find((r) => r.id === id);
}

function outputField(rule, name) {
  return ruleOf(rule).output.fields.find((f) => f.name === name);
}

// ---- forms, from the input shapes ------------------------------------------------------------------
function fieldWords(rule, name) {
  return FIELDS[rule]?.[name] ?? { label: name };
}

/** An array of {code, count} objects is asked as one count per code. */
function matrixOf(shape) {
  if (shape.type !== 'array' || shape.items.type !== 'object') return null;
  const fields = shape.items.fields;
  const code = fields.find((f) => f.shape.type === 'enum');
  const count = fields.find((f) => f.shape.type === 'count');
  return code && count && fields.length === 2 ? { code, count } : null;
}

function buildField(tool, f, prices) {
  const id = `${tool.key}-${f.name}`;
  const words = fieldWords(tool.rule, f.name);
  const required = f.required ? h('span', { class: 'visually-hidden', text: '（必填）' }) : null;
  const s = f.shape;
  if (s.type === 'enum') {
    const select = h('select', { id, name: f.name },
      h('option', { value: '', text: '请选择' }),
      s.codes.map((c) => h('option', { value: c, text: label(s.kind, c) })));
    return h('div', { class: 'field' }, h('label', { for: id }, words.label, required), select, hint(id, words.hint));
  }
  if (s.type === 'date') {
    const input = h('input', { id, name: f.name, type: 'text', autocomplete: 'off', placeholder: 'YYYY-MM-DD', 'aria-describedby': `${id}-hint` });
    return h('div', { class: 'field' }, h('label', { for: id }, words.label, required), input,
      h('span', { class: 'hint', id: `${id}-hint`, text: words.hint ? `${words.hint}${DATE_HINT}` : DATE_HINT }));
  }
  if (s.type === 'bool') {
    return h('div', { class: 'field check' }, h('input', { id, name: f.name, type: 'checkbox' }), h('label', { for: id, text: words.label }));
  }
  if (s.type === 'count') {
    const input = h('input', { id, name: f.name, type: 'text', inputmode: 'numeric', autocomplete: 'off' });
    return h('div', { class: 'field' }, h('label', { for: id }, words.label, required), input, hint(id, words.hint));
  }
  const matrix = matrixOf(s);
  if (matrix) {
    tool.matrix = { field: f.name, ...matrix };
    const kind = matrix.code.shape.kind;
    const codeWords = fieldWords(tool.rule, matrix.code.name);
    const countWords = fieldWords(tool.rule, matrix.count.name);
    const rows = matrix.code.shape.codes.map((c) => {
      const cid = `${tool.key}-${matrix.count.name}-${c}`;
      const p = prices?.get(c);
      return h('tr', {},
        h('th', { scope: 'row' },
          h('label', { for: cid, text: label(kind, c) }),
          p ? h('span', { class: 'price', text: `每人 ${yuan(p.price)}，市总补贴 ${yuan(p.subsidy)}` }) : null),
        h('td', {}, h('input', { id: cid, name: `${matrix.count.name}-${c}`, 'data-code': c, type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-label': `${label(kind, c)}：${countWords.label}` })));
    });
    return h('div', { class: 'field' },
      h('span', { class: 'label', id: `${id}-label`, text: words.label }),
      h('span', { class: 'hint', id: `${id}-hint`, text: words.hint ?? '' }),
      h('table', { class: 'packages', 'aria-labelledby': `${id}-label`, 'aria-describedby': `${id}-hint` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: codeWords.label }), h('th', { scope: 'col', text: countWords.label }))),
        h('tbody', {}, rows)));
  }
  throw new Error(`${tool.rule}: the page cannot ask for a field of type ${s.type} (${f.name})`);
}

function hint(id, text) {
  return text ? h('span', { class: 'hint', id: `${id}-hint`, text }) : null;
}

function readInput(tool) {
  const input = {};
  for (const f of ruleOf(tool.rule).input.fields) {
    const s = f.shape;
    if (tool.matrix && tool.matrix.field === f.name) {
      const lines = [];
      for (const el of tool.form.querySelectorAll('input[data-code]')) {
        if (halfWidth(el.value) === '') continue;
        lines.push({ [tool.matrix.code.name]: el.dataset.code, [tool.matrix.count.name]: readCount(el.value) });
      }
      input[f.name] = lines;
      continue;
    }
    const el = tool.form.elements.namedItem(f.name);
    if (!el) continue;
    if (s.type === 'bool') {
      if (el.checked) input[f.name] = true;
    } else if (s.type === 'date') {
      if (el.value.trim() !== '') input[f.name] = normaliseDate(el.value);
    } else if (s.type === 'count') {
      if (el.value.trim() !== '') input[f.name] = readCount(el.value);
    } else if (el.value !== '') {
      input[f.name] = el.value;
    }
  }
  return input;
}

/** The form control a path of the rules' error points at (`input.lines[2].count`), if any. */
function controlAt(tool, path, input) {
  const m = /^input\.([A-Za-z0-9_]+)(?:\[(\d+)\])?/.exec(path ?? '');
  if (!m) return null;
  if (tool.matrix && m[1] === tool.matrix.field) {
    const line = m[2] !== undefined ? input[tool.matrix.field]?.[Number(m[2])] : undefined;
    const code = line?.[tool.matrix.code.name];
    return code ? tool.form.querySelector(`input[data-code="${CSS.escape(code)}"]`) : tool.form.querySelector('input[data-code]');
  }
  return tool.form.elements.namedItem(m[1]);
}

// ---- answers ---------------------------------------------------------------------------------------
function clear(tool) {
  tool.answer.replaceChildren();
  for (const el of tool.form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const el of tool.form.querySelectorAll('.field-error')) el.remove();
}

function showError(tool, message, control, raw) {
  const id = `${tool.key}-error`;
  tool.answer.append(h('p', { class: 'error', role: 'alert', id, text: message }));
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    control.focus();
  }
  if (raw) tool.answer.append(rawDetails(raw.request, raw.response));
}

function rawDetails(request, response) {
  return h('details', {},
    h('summary', { text: '原始请求与应答（JSON，供工会工作人员核对）' }),
    h('pre', { class: 'raw-request', text: request }),
    h('pre', { class: 'raw-response', text: response }));
}

function figures(rule, result) {
  const rows = (FIGURES[rule] ?? []).filter(([name]) => result[name] !== undefined && result[name] !== null && outputField(rule, name));
  return h('dl', { class: 'figures' }, rows.flatMap(([name, words, unit = '', cls]) => {
    const f = outputField(rule, name);
    return [h('dt', { text: words }), h('dd', { class: cls ?? null, text: `${formatValue(f.shape, result[name])}${unit}` })];
  }));
}

function summary(tool, result) {
  const rule = tool.rule;
  if (rule === 'mutual_aid.enroll') {
    const reasons = outputField(rule, 'reasons');
    return [
      h('p', { class: `verdict ${result.accepted ? 'yes' : 'no'}`, text: result.accepted ? '可以参保' : '不能参保' }),
      result.accepted ? null : h('p', {}, '原因：', formatValue(reasons.shape, result.reasons)),
      result.accepted ? figures(rule, result) : null,
    ];
  }
  if (rule === 'checkup.quote') {
    const kind = matrixOf(ruleOf(rule).input.fields.find((f) => f.name === tool.matrix.field).shape).code.shape.kind;
    return h('table', { class: 'quote' },
      h('caption', { text: '报价' }),
      h('thead', {}, h('tr', {}, ['套餐', '人数', '价格（元）', '市总补贴（元）', '实付（元）'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, result.lines.map((l) => h('tr', {},
        h('th', { scope: 'row', text: label(kind, l.package) }), h('td', { text: String(l.count) }),
        h('td', { text: amount(l.price) }), h('td', { text: amount(l.subsidy) }), h('td', { text: amount(l.payable) })))),
      h('tfoot', {}, h('tr', {},
        h('th', { scope: 'row', text: '合计' }), h('td', { text: String(result.lines.reduce((n, l) => n + l.count, 0)) }),
        h('td', { text: amount(result.total.price) }), h('td', { text: amount(result.total.subsidy) }), h('td', { text: amount(result.total.payable) }))));
  }
  return figures(rule, result);
}

function showAnswer(tool, response, request, text) {
  const id = `${tool.key}-clauses`;
  tool.answer.append(
    h('h3', { text: '结果' }),
    ...[summary(tool, response.result)].flat().filter(Boolean),
    h('h3', { text: '说明' }),
    h('pre', { class: 'explain', text: rules.explain(text, LANG) }),
    h('h3', { id, text: '依据的条款' }),
    h('ol', { class: 'clauses', 'aria-labelledby': id }, response.trace.map((s) => h('li', {}, h('span', { class: 'clause', text: s.clause }), s.note))),
    rawDetails(request, text),
  );
}

function run(tool) {
  clear(tool);
  const input = readInput(tool);
  if (tool.matrix && input[tool.matrix.field].length === 0) {
    showError(tool, `请至少为一个${fieldWords(tool.rule, tool.matrix.code.name).label}填写${fieldWords(tool.rule, tool.matrix.count.name).label}。`,
      tool.form.querySelector('input[data-code]'));
    return;
  }
  const request = JSON.stringify({ rule: tool.rule, lang: LANG, input });
  let text;
  try {
    text = rules.evaluate(request);
  } catch (e) {
    showError(tool, `计算出错，请刷新页面后重试（${e.code ?? e.name}）。`);
    return;
  }
  const response = JSON.parse(text);
  if (!response.ok) {
    const control = controlAt(tool, response.error.path, input);
    const name = control ? (control.labels?.[0]?.textContent ?? '').replace('（必填）', '') : '';
    showError(tool, name ? `请检查「${name}」：${response.error.message}` : response.error.message, control, { request, response: text });
    return;
  }
  showAnswer(tool, response, request, text);
}

// ---- start -----------------------------------------------------------------------------------------
function packagePrices() {
  const text = rules.evaluate(JSON.stringify({ rule: 'checkup.packages', lang: LANG, input: {} }));
  const r = JSON.parse(text);
  return r.ok ? new Map(r.result.packages.map((p) => [p.package, p])) : new Map();
}

async function start() {
  const status = document.getElementById('status');
  try {
    rules = await import(PACKAGE);
    description = rules.describe();
  } catch (e) {
    status.setAttribute('role', 'alert');
    status.classList.add('error');
    status.textContent = `计算规则加载失败，请刷新页面重试。（${e.message}）`;
    return;
  }
  const prices = packagePrices();
  for (const section of document.querySelectorAll('section.tool')) {
    const rule = section.dataset.rule;
    const form = section.querySelector('form');
    const tool = { key: section.id, rule, section, form, answer: section.querySelector('.answer'), matrix: null };
    const fields = form.querySelector('.fields');
    for (const f of ruleOf(rule).input.fields) fields.append(buildField(tool, f, prices));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      run(tool);
    });
    form.querySelector('fieldset').disabled = false;
    tools.set(rule, tool);
  }
  document.getElementById('version').textContent = `版本 ${rules.version()}，${description.default_edition}年方案`;
  status.textContent = '已就绪：计算在本机完成，断网后也能使用。';
  document.documentElement.dataset.ready = 'true';
}

if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1')) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Without the service worker the page still works; it just needs the network to load again.
  });
}

start();
