'use strict'
// shftu-rules for Node.js (CommonJS entry). The native addon (shftu-rules.node, built by `npm run build`)
// does the work; this file loads it, defines the error classes (one per error code of the core), makes
// one typed function per rule of the core's registry (`mutual_aid.enroll` → `mutualAidEnroll`), and
// wraps each native function so that an error reaches the caller as its ShftuError subclass. No rule,
// code or enum is listed here: they all come from the addon. Types: generated/index.d.ts.

const native = require('./shftu-rules.node')
const { camel, errorClassName, enumTypeNames } = require('./lib/names.js')

// Two helpers the addon calls, because V8 does these things faster in JavaScript than through Node-API
// call by call: reading an object's fields (as JSON.stringify sees them: own enumerable string keys,
// `undefined` values left out; an ArrayBuffer view has no fields) in one crossing, and making the objects
// of a result in one step (an object literal per set of keys). They decide nothing.
native.initHelpers(
  (o) => {
    if (ArrayBuffer.isView(o)) return null
    const keys = Object.keys(o)
    // [names, v0, v1, …]: the names of the fields that are not undefined joined by NUL (one string to
    // read instead of one a field), then their values; when a name holds a NUL, [null, k0, v0, k1, v1, …].
    const names = []
    const out = [null]
    let plain = true
    for (let i = 0; i < keys.length; i++) {
      const v = o[keys[i]]
      if (v === undefined) continue
      if (keys[i].indexOf('\0') !== -1) plain = false
      names.push(keys[i])
      out.push(v)
    }
    if (plain) {
      out[0] = names.join('\0')
      return out
    }
    const pairs = [null]
    for (let i = 0; i < names.length; i++) pairs.push(names[i], out[i + 1])
    return pairs
  },
  (keys) => new Function(...keys.map((_, i) => `v${i}`), `return {${keys.map((k, i) => `${JSON.stringify(k)}: v${i}`).join(', ')}}`),
)

/** Base class of every error the library throws: `code` (the wire contract's error code, or
 * `internal_error`) and `path` (the JSON path of the field to blame, or null). */
class ShftuError extends Error {
  static code = null
  constructor(message, path = null) {
    super(message)
    this.name = new.target.name
    this.code = new.target.code
    this.path = path
  }
}

// One subclass per error code of the core, and InternalError (a Rust panic caught at the boundary).
const CLASSES = {}
for (const code of [...native.errorCodes(), 'internal_error']) {
  const name = errorClassName(code)
  const Class = { [name]: class extends ShftuError {} }[name]
  Object.defineProperty(Class, 'code', { value: code, enumerable: true })
  CLASSES[name] = Class
}

/** The error the addon threw (`shftuClass`, `path`, `message`), as its ShftuError subclass. */
function adopt(e, caller) {
  if (e !== null && typeof e === 'object' && typeof e.shftuClass === 'string' && CLASSES[e.shftuClass]) {
    const err = new CLASSES[e.shftuClass](e.message, e.path === undefined ? null : e.path)
    Error.captureStackTrace(err, caller) // the stack starts at the caller's call
    return err
  }
  // Node-API's own refusal of an argument of the wrong JavaScript type (code `StringExpected`,
  // `ArrayExpected`, …): a TypeError, as JavaScript reports a wrong argument type, keeping the code.
  if (e instanceof Error && typeof e.code === 'string' && /Expected$/.test(e.code)) {
    const err = new TypeError(`${caller.name}: ${e.message}`)
    err.code = e.code
    Error.captureStackTrace(err, caller)
    return err
  }
  return e
}

/** `fn` under `name`, throwing ShftuError subclasses. */
function wrap(name, fn) {
  const wrapped = {
    [name](...args) {
      try {
        return fn(...args)
      } catch (e) {
        throw adopt(e, wrapped)
      }
    },
  }[name]
  return wrapped
}

// ---- the wire contract ----

const evaluateJson = wrap('evaluateJson', native.evaluateJson)
const evaluateManyJson = wrap('evaluateManyJson', native.evaluateManyJson)

/** The JSON text of a request: a string as it is, anything else as JSON.stringify writes it. */
function requestText(request) {
  if (typeof request === 'string') return request
  let text
  try {
    text = JSON.stringify(request)
  } catch {
    text = undefined // a cycle or a bigint
  }
  // A value without JSON text (undefined, a function, a cycle, a bigint) is answered as the core answers
  // text that is not JSON: invalid_json.
  return text === undefined ? '' : text
}

/** Answers one request of the wire contract exactly as the core does (see index.d.ts). */
function evaluate(request) {
  return JSON.parse(evaluateJson(requestText(request)))
}

/** `evaluate` over many requests, in order. */
function evaluateMany(requests) {
  if (!Array.isArray(requests)) {
    throw new TypeError('evaluateMany takes an array of requests')
  }
  return evaluateManyJson(requests.map(requestText)).map((r) => JSON.parse(r))
}

/** A clerk-ready plain-text account of a response (an object or its JSON text) in `lang`. */
const explainJson = wrap('explain', native.explainJson)
function explain(response, lang) {
  return explainJson(typeof response === 'string' ? response : JSON.stringify(response), lang ?? undefined)
}

// ---- the registry ----

/** The registry as data (`shftu-rules describe`): rules with their input and result shapes, the closed
 * sets of codes with their labels and other names, the errors, the limits and the languages. */
function describe() {
  return JSON.parse(native.describeJson())
}

/** The codes of every closed set the rules read or answer with, by the name of its type in index.d.ts:
 * `{ Tier: ['C', 'D', 'E'], … }`. */
function enumValues() {
  const d = describe()
  const names = enumTypeNames(d)
  const out = {}
  for (const e of Object.values(d.enums)) out[names.get(e.kind)] = [...e.codes]
  return out
}

const rules = wrap('rules', native.rules)

// ---- one typed function per rule ----

const typed = {}
native.rules().forEach((rule, index) => {
  const name = camel(rule.id)
  const call = native.typedCall
  const fn = {
    [name](input, options) {
      try {
        return call(index, input, options)
      } catch (e) {
        throw adopt(e, fn)
      }
    },
  }[name]
  typed[name] = fn
})

// ---- the batch kernels ----

/** A batch function's answer as columns: its result columns, and `error_code` and `error` (null for a row
 * that was evaluated). */
function withErrorColumns(out) {
  const { rows, errorRows, errorCodes, errorMessages, reasonCodes, reasonNames, ...columns } = out
  // A reason column sent as numbers and the codes they stand for (hospitalDays).
  if (reasonCodes !== undefined) {
    const reason = new Array(reasonCodes.length)
    for (let i = 0; i < reasonCodes.length; i++) reason[i] = reasonNames[reasonCodes[i]] ?? null
    columns.reason = reason
  }
  // A money column sent as one text of amounts, one a line (empty at a row in error).
  for (const [name, value] of Object.entries(columns)) {
    if (typeof value !== 'string') continue
    const column = rows === 0 ? [] : value.split('\n')
    for (let k = 0; k < errorRows.length; k++) column[errorRows[k]] = null
    columns[name] = column
  }
  const error_code = new Array(rows).fill(null)
  const error = new Array(rows).fill(null)
  for (let k = 0; k < errorRows.length; k++) {
    error_code[errorRows[k]] = errorCodes[k]
    error[errorRows[k]] = errorMessages[k]
  }
  return { ...columns, error_code, error }
}

function batchFunction(name, fn) {
  const wrapped = {
    [name](data, options) {
      try {
        return withErrorColumns(fn(data, options))
      } catch (e) {
        throw adopt(e, wrapped)
      }
    },
  }[name]
  return wrapped
}

/** The core's column kernels and row drivers (`core::batch`), over columns and arrays of rows. */
const batch = Object.freeze({
  checkupQuote: batchFunction('checkupQuote', native.batchCheckupQuote),
  ePremium: batchFunction('ePremium', native.batchEPremium),
  hospitalDays: batchFunction('hospitalDays', native.batchHospitalDays),
  adjudicate: batchFunction('adjudicate', native.batchAdjudicate),
  enroll: batchFunction('enroll', native.batchEnroll),
})

module.exports = {
  evaluate,
  evaluateMany,
  evaluateJson,
  evaluateManyJson,
  explain,
  describe,
  rules,
  editions: wrap('editions', native.editions),
  errorCodes: wrap('errorCodes', native.errorCodes),
  enumValues,
  batch,
  ...typed,
  ShftuError,
  ...CLASSES,
}
