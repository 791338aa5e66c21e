// The package's API over the module's exports. Generic: no rule is named here (the typed functions are
// generated from `describe` into rules.js, the error classes into errors.js).
//
// Every call into the module goes through `guard`: the binding's own errors (thrown as JSON text
// {code, message, path}) become the error classes; anything else that escapes the module — a trap after
// a panic (panic = "abort" on wasm32), running out of memory, a stack overflow — becomes InternalError,
// and the instance is reset so that the next call is answered by a fresh one.
import { ERROR_CLASSES, ShftuError, InternalError } from './errors.js';

let glue = null; // the wasm-bindgen glue's exports
let requestBytes = 0; // the core's request_bytes limit
let lastPanic = null; // the message of the last panic, handed over by the panic hook
let broken = false; // set when a reset failed: the next call tries again

/** Connects the API to an initialised glue module (web.js and its callers do this). */
export function __bind(g) {
  glue = g;
  connect();
}

function connect() {
  glue.setPanicSink((message) => {
    lastPanic = String(message);
  });
  requestBytes = glue.requestBytes();
}

function module_() {
  if (glue === null) {
    throw new Error('shftu-rules-wasm is not initialised: `await init()` first (the package entry does it for you)');
  }
  if (broken) reset();
  return glue;
}

function reset() {
  try {
    glue.__wbg_reset_state();
    connect();
    broken = false;
  } catch {
    broken = true;
  }
}

/** The binding's error, when `e` is one (JSON text {code, message, path}). */
function bindingError(e) {
  if (typeof e !== 'string') return null;
  let o;
  try {
    o = JSON.parse(e);
  } catch {
    return null;
  }
  if (o === null || typeof o !== 'object' || typeof o.code !== 'string') return null;
  const Class = ERROR_CLASSES[o.code] ?? ShftuError;
  return new Class(String(o.message), o.code, o.path ?? null);
}

function guard(f) {
  const m = module_();
  lastPanic = null;
  try {
    return f(m);
  } catch (e) {
    const known = bindingError(e);
    if (known !== null) throw known;
    const what = lastPanic ?? (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    lastPanic = null;
    reset();
    throw new InternalError(
      `internal error in shftu-rules (a bug: please report it): ${what}; the module has been restarted`,
      'internal_error',
      null,
      { cause: e },
    );
  }
}

/** The number of bytes of `s` in UTF-8 (a lone surrogate is written as U+FFFD, three bytes). */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Answers one request of the wire contract (JSON text) with the response text, byte for byte what every
 * other host answers. A request that cannot be evaluated gets an `{"ok": false, …}` response.
 */
export function evaluate(request) {
  if (typeof request !== 'string') {
    throw new TypeError('evaluate(request): the request is JSON text (a string); JSON.stringify an object or call a typed function');
  }
  return guard((m) =>
    // Every UTF-16 unit is at least one UTF-8 byte: a string this long is over the limit, and the core's
    // answer to it is made without copying it into the module's memory.
    request.length > requestBytes ? m.oversizeResponse(utf8Length(request)) : m.evaluate(request),
  );
}

/** `evaluate` over many requests, in order. */
export function evaluateMany(requests) {
  if (!Array.isArray(requests)) {
    throw new TypeError('evaluateMany(requests): requests is an array of JSON texts');
  }
  return requests.map((r, i) => {
    if (typeof r !== 'string') throw new TypeError(`evaluateMany(requests): requests[${i}] is not a string`);
    return evaluate(r);
  });
}

/** A clerk-ready plain text of a response (its JSON text, or the parsed object) in `lang`. */
export function explain(response, lang = 'en') {
  const text = typeof response === 'string' ? response : JSON.stringify(response);
  if (typeof text !== 'string') throw new TypeError('explain(response, lang): response is a response of evaluate (text or object)');
  return guard((m) => m.explain(text, lang == null ? '' : String(lang)));
}

let description = null;

function deepFreeze(v) {
  if (v !== null && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** The registry as data: rules with their input and result shapes, enums with labels, errors, limits. */
export function describe() {
  if (description === null) description = deepFreeze(JSON.parse(guard((m) => m.describe())));
  return description;
}

/** The library's version. */
export function version() {
  return guard((m) => m.version());
}

/**
 * Runs rule `rule` on an input object (the generated typed functions call this). `options.lang` is the
 * language of error messages and trace notes; `options.trace`, an array, receives the steps.
 */
export function call(rule, input, options) {
  let lang = '';
  let trace = null;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw new TypeError('options must be an object: { lang?, trace? }');
    if (options.lang !== undefined && options.lang !== null) lang = String(options.lang);
    if (options.trace !== undefined && options.trace !== null) {
      if (!Array.isArray(options.trace)) throw new TypeError('options.trace must be an array, to which the steps are appended');
      trace = options.trace;
    }
  }
  const out = JSON.parse(guard((m) => m.call(rule, input, lang, trace !== null)));
  if (trace !== null) for (const step of out.trace) trace.push(step);
  return out.result;
}
