'use strict'
// shftu-rules for Node.js (CommonJS entry). The native addon (shftu-rules.node, built by `npm run build`)
// does the work; this file loads it, defines the error classes, and wraps each native function so that an
// error reaches the caller as its ShftuError subclass. `evaluate` and `evaluateMany` hand the request text
// to the core and parse its response. Types: index.d.ts.

const native = require('./shftu-rules.node')

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
class InvalidJsonError extends ShftuError {
  static code = 'invalid_json'
}
class UnknownRuleError extends ShftuError {
  static code = 'unknown_rule'
}
class UnknownEditionError extends ShftuError {
  static code = 'unknown_edition'
}
class InvalidInputError extends ShftuError {
  static code = 'invalid_input'
}
class CalendarUnavailableError extends ShftuError {
  static code = 'calendar_unavailable'
}
/** A Rust panic, caught at the boundary: a bug in the library; the process goes on. */
class InternalError extends ShftuError {
  static code = 'internal_error'
}

// The classes by the name the addon gives (`shftuClass`, from the exhaustive match of src/error.rs).
const CLASSES = {
  InvalidJsonError,
  UnknownRuleError,
  UnknownEditionError,
  InvalidInputError,
  CalendarUnavailableError,
  InternalError,
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

function wrap(fn) {
  const wrapped = function (...args) {
    try {
      return fn(...args)
    } catch (e) {
      throw adopt(e, wrapped)
    }
  }
  Object.defineProperty(wrapped, 'name', { value: fn.name })
  return wrapped
}

for (const [name, value] of Object.entries(native)) {
  exports[name] = typeof value === 'function' ? wrap(value) : value
}

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
  return JSON.parse(exports.evaluateJson(requestText(request)))
}

/** `evaluate` over many requests, in order. */
function evaluateMany(requests) {
  if (!Array.isArray(requests)) {
    throw new TypeError('evaluateMany takes an array of requests')
  }
  return exports.evaluateManyJson(requests.map(requestText)).map((r) => JSON.parse(r))
}

Object.assign(exports, {
  evaluate,
  evaluateMany,
  ShftuError,
  InvalidJsonError,
  UnknownRuleError,
  UnknownEditionError,
  InvalidInputError,
  CalendarUnavailableError,
  InternalError,
})
