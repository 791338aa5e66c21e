// Writes the generated files of the package from the core's registry, as the built addon describes it
// (`describe()`, the same data as `shftu-rules describe`):
//
//   generated/index.d.ts  the TypeScript declarations: ts/api.d.ts (the parts of the API that are not the
//                         registry's) followed by a string-literal union for every closed set of codes, an
//                         input and a result interface for every rule (with the fields' documentation),
//                         the discriminated unions of `evaluate`'s requests and responses, and one typed
//                         function per rule;
//   generated/index.mjs   the ESM entry: a named export for every export of the CommonJS entry (index.js).
//
// Usage: node scripts/generate.mjs          (after `npm run build`; `npm run build` runs it)
//        node scripts/generate.mjs --check  (fails, writing nothing, when a generated file would change)
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const lib = require(join(root, 'index.js'))
const { camel, pascal, errorClassName, enumTypeNames } = require(join(root, 'lib', 'names.js'))
const d = lib.describe()

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const union = (items) => (items.length ? items.map(q).join(' | ') : 'never')
/** A JSDoc comment at `indent` (nothing for empty text). */
function doc(text, indent = '') {
  const t = String(text ?? '').trim()
  if (!t) return ''
  const lines = t.replace(/\*\//g, '*\\/').split('\n')
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`
}

// ---- names ----

const enumNames = enumTypeNames(d)
/** Object shapes met, by their name in the declarations; a name two different shapes share is
 * prefixed with the family of the rule it is first met in. */
const objects = new Map() // tsName → {shape, family}
const objectName = new Map() // JSON of a shape → tsName

function objectKey(shape) {
  return JSON.stringify(shape)
}

function nameObject(shape, family, preferred) {
  const key = objectKey(shape)
  if (objectName.has(key)) return objectName.get(key)
  let name = preferred ?? shape.name
  if (objects.has(name)) name = pascal(family) + shape.name
  for (let i = 2; objects.has(name); i++) name = `${pascal(family)}${shape.name}${i}`
  objectName.set(key, name)
  objects.set(name, { shape, family })
  return name
}

// ---- types of values ----

/** The TypeScript type of a shape, in an input (`input`) or a result. */
function typeOf(shape, family, input) {
  switch (shape.type) {
    case 'money':
      return input ? 'MoneyInput' : 'Money'
    case 'date':
      return 'IsoDate'
    case 'datetime':
      return 'IsoDateTime'
    case 'bool':
      return 'boolean'
    case 'count':
    case 'int':
    case 'long':
      return 'number'
    case 'decimal':
      return 'DecimalString'
    case 'text':
      return 'string'
    case 'enum': {
      const name = enumNames.get(shape.kind)
      return input ? `${name} | ${name}Name` : name
    }
    case 'array': {
      const t = typeOf(shape.items, family, input)
      return /[ |]/.test(t) ? `Array<${t}>` : `${t}[]`
    }
    case 'map':
      return `Record<string, ${typeOf(shape.values, family, input)}>`
    case 'object':
      return input ? inputName(shape, family) : nameObject(shape, family)
    default:
      throw new Error(`generate: a shape of type ${shape.type} is new to the generator`)
  }
}

// A nested object is declared under its own name; one that inputs and results both use is declared twice,
// the input's as `…Input` (money may be a safe-integer number there, codes may be given by name). The
// rule's own input and result keep the rule's name (`MutualAidEnrollInput`, `MutualAidEnrollResult`).
const outputNames = new Set()
function inputName(shape, family) {
  const name = nameObject(shape, family)
  return outputNames.has(name) ? `${name}Input` : name
}
const declared = [] // [name, shape, family, input]
const declaredNames = new Set()

function fieldsOf(shape, family, input) {
  let out = ''
  for (const f of shape.fields) {
    let text = f.doc ?? ''
    if (f.limit) text += `${text ? '\n' : ''}At most ${d.limits[f.limit].toLocaleString('en')} items (limit \`${f.limit}\`).`
    out += doc(text, '  ')
    const t = typeOf(f.shape, family, input)
    if (input) out += `  ${f.name}${f.required ? '' : '?'}: ${t}${f.required ? '' : ' | null'}\n`
    else out += `  ${f.name}${f.required ? '' : '?'}: ${t}${f.nullable ? ' | null' : ''}\n`
  }
  return out
}

function collectNested(shape, family, input) {
  if (shape.type === 'array') return collectNested(shape.items, family, input)
  if (shape.type === 'map') return collectNested(shape.values, family, input)
  if (shape.type !== 'object') return
  const name = input ? inputName(shape, family) : nameObject(shape, family)
  if (declaredNames.has(name)) return
  declaredNames.add(name)
  declared.push([name, shape, family, input])
  for (const f of shape.fields) collectNested(f.shape, family, input)
}

// ---- the declarations ----

const rules = d.rules.map((r) => {
  const base = pascal(r.id)
  return { ...r, fn: camel(r.id), inName: `${base}Input`, outName: `${base}Result` }
})
// The rules' own inputs and results are declared under the rule's name; what they nest, under its own
// (results first, so that an input object of the same name is told apart).
for (const r of rules) for (const f of r.output.fields) collectNested(f.shape, r.family, false)
for (const [name] of declared) outputNames.add(name)
for (const r of rules) for (const f of r.input.fields) collectNested(f.shape, r.family, true)
for (const r of rules) {
  if (r.output.fields.some((f) => f.name === 'trace')) {
    throw new Error(`generate: ${r.id} has a result field called trace, which the typed functions use for the trace`)
  }
}

let out = ''
out += `/* shftu-rules for Node.js: the TypeScript declarations.
 * Generated by scripts/generate.mjs from the core's registry (describe(), as \`shftu-rules describe\` prints
 * it) and ts/api.d.ts; do not edit: \`npm run build\` regenerates it, \`npm run check:generated\` fails when it
 * is out of date. */\n\n`
out += readFileSync(join(root, 'ts', 'api.d.ts'), 'utf8').replace(/^\/\*[\s\S]*?\*\/\n+/, '')
out += '\n// ---- from the registry: codes, languages, limits ----\n\n'
out += doc('The languages of the message catalogue (`lang` of a request and of the typed functions\' options).')
out += `export type Lang = ${union(d.langs)}\n`
out += doc('The rule ids of the wire contract, in the order of the plan.')
out += `export type RuleId =\n${rules.map((r) => `  | ${q(r.id)}`).join('\n')}\n`
out += doc('The wire contract\'s error codes.')
out += `export type WireErrorCode = ${union(d.errors)}\n`
out += doc('The error codes the library throws: the wire contract\'s, and `internal_error` for a Rust panic caught at the boundary.')
out += `export type ErrorCode = WireErrorCode | 'internal_error'\n`
out += doc(`The limits a request is held to (\`limit_exceeded\` names one): ${Object.entries(d.limits).map(([k, v]) => `\`${k}\` ${v.toLocaleString('en')}`).join(', ')}.`)
out += `export type LimitName = ${union(Object.keys(d.limits))}\n`
out += doc('The editions of the plan the library holds.')
out += `export type EditionName = ${union(d.editions)}\n`

out += '\n// ---- error classes, one per error code ----\n\n'
const classDoc = {
  internal_error: 'A bug in the library: a Rust panic, caught at the boundary (the process goes on).',
}
for (const code of [...d.errors, 'internal_error']) {
  out += doc(classDoc[code] ?? `An error with code \`${code}\` (spec/errors.md).`)
  out += `export declare class ${errorClassName(code)} extends ShftuError {\n  static readonly code: ${q(code)}\n  readonly code: ${q(code)}\n}\n`
}

out += '\n// ---- closed sets of codes (generated from the registry; labels in the comments) ----\n\n'
for (const e of Object.values(d.enums)) {
  const name = enumNames.get(e.kind)
  out += doc(`\`${e.kind}\`: ${e.codes.map((c) => `\`${c}\` ${e.labels[c]?.['zh-CN'] ?? ''}`.trim()).join('; ')}.`)
  out += `export type ${name} = ${union(e.codes)}\n`
  const aliases = Object.keys(e.aliases ?? {})
  out += aliases.length
    ? doc(`Other names of the \`${e.kind}\` codes, accepted in inputs (the answer echoes the code): ${aliases.map((a) => `${a} → \`${e.aliases[a]}\``).join(', ')}.`)
    : doc(`Other names of the \`${e.kind}\` codes accepted in inputs: none in the catalogue yet.`)
  out += `export type ${name}Name = ${union(aliases)}\n`
}
out += doc('The codes of every closed set, by its type\'s name (`enumValues()`).')
out += `export interface EnumValues {\n${Object.values(d.enums)
  .map((e) => `  ${enumNames.get(e.kind)}: ${enumNames.get(e.kind)}[]`)
  .join('\n')}\n}\n`

out += '\n// ---- inputs and results, one pair per rule (field names as in the wire contract) ----\n'
for (const r of rules) {
  out += '\n'
  out += doc(`Input of \`${r.id}\` (${r.clause}). ${r.input.doc ?? ''}`.trim())
  out += `export interface ${r.inName} {\n${fieldsOf(r.input, r.family, true)}}\n`
  out += doc(`Result of \`${r.id}\`. ${r.output.doc ?? ''}`.trim())
  out += `export interface ${r.outName} {\n${fieldsOf(r.output, r.family, false)}}\n`
}
out += '\n// ---- objects the inputs and results nest ----\n'
for (const [name, shape, family, input] of declared) {
  out += '\n'
  out += doc(`${shape.doc ?? ''}${input ? ' (as an input)' : ''}`.trim())
  out += `export interface ${name} {\n${fieldsOf(shape, family, input)}}\n`
}

out += '\n// ---- the wire contract, typed by rule ----\n\n'
out += doc('Every rule\'s input and result, by rule id.')
out += `export interface RuleTypes {\n${rules.map((r) => `  ${q(r.id)}: { input: ${r.inName}; result: ${r.outName} }`).join('\n')}\n}\n`
out += `/** The input of rule \`R\`. */
export type RuleInput<R extends RuleId> = RuleTypes[R]['input']
/** The result of rule \`R\`. */
export type RuleResult<R extends RuleId> = RuleTypes[R]['result']
/** A request of the wire contract, discriminated by \`rule\`. */
export type Request<R extends RuleId = RuleId> = {
  [K in R]: { rule: K; input: RuleInput<K>; edition?: string | null; lang?: Lang | null; trace?: TraceMode | null }
}[R]
/** An \`ok: true\` response, discriminated by \`rule\`. */
export type OkResponse<R extends RuleId = RuleId> = {
  [K in R]: { ok: true; rule: K; edition: string; result: RuleResult<K>; trace: TraceStep[] }
}[R]
/** An \`ok: false\` response: the request could not be evaluated. */
export interface ErrorResponse {
  ok: false
  rule: RuleId | null
  error: { code: WireErrorCode; message: string; path: string | null }
}
/** A response of the wire contract: \`ok\` and \`rule\` discriminate it. */
export type Response<R extends RuleId = RuleId> = OkResponse<R> | ErrorResponse

/**
 * Answers one request of the wire contract exactly as the core does: the response is typed by the
 * request's rule. Never throws for a bad request: that is \`ok: false\`. A request built at run time can be
 * given as its JSON text.
 */
export declare function evaluate<Q extends Request>(request: Q): Response<Q['rule']>
export declare function evaluate(request: string): Response
/** \`evaluate\` over many requests, in order. */
export declare function evaluateMany(requests: ReadonlyArray<Request | string>): Response[]
`

out += '\n// ---- one typed function per rule ----\n'
for (const r of rules) {
  const optional = !r.input.fields.some((f) => f.required)
  out += '\n'
  out += doc(`\`${r.id}\` (${r.clause}): ${r.title.en}\n${r.title['zh-CN']}`)
  out += `export declare function ${r.fn}(input${optional ? '?' : ''}: ${r.inName}, options?: Options): Traced<${r.outName}>\n`
}

// ---- write, or check ----

const esmNames = Object.keys(lib).sort()
const esm = [
  '// shftu-rules for Node.js: the ESM entry, re-exporting the CommonJS entry (index.js).',
  '// Generated by scripts/generate.mjs (`npm run build`); do not edit.',
  "import { createRequire } from 'node:module'",
  '',
  "const lib = createRequire(import.meta.url)('../index.js')",
  '',
  'export const {',
  ...esmNames.map((n) => `  ${n},`),
  '} = lib',
  'export default lib',
  '',
].join('\n')

const files = { 'generated/index.d.ts': out, 'generated/index.mjs': esm }
const check = process.argv.includes('--check')
let stale = 0
for (const [file, text] of Object.entries(files)) {
  const path = join(root, file)
  const before = existsSync(path) ? readFileSync(path, 'utf8') : null
  if (before === text) continue
  if (check) {
    console.error(`generate --check: ${file} is out of date: run \`npm run build\` (or node scripts/generate.mjs) and commit it`)
    stale++
  } else {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
    console.log(`generate: wrote ${file}`)
  }
}
if (stale) process.exit(1)
if (check) console.log(`generate --check: ${Object.keys(files).join(' and ')} are current`)
