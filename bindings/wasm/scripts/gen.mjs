#!/usr/bin/env node
// Generates the package's per-rule code from the registry, as the built module describes it
// (`describe()`, the same JSON as `shftu-rules describe`): nothing here names a rule, a field or a code.
//
//   node scripts/gen.mjs <pkg dir>
//
// writes into <pkg dir>:
//   rules.js    one typed function per rule (camelCase of the registry's function name), calling `call`;
//   errors.js   ShftuError and one class per error code (the core's codes and the bindings' internal_error);
//   package.json  js/package.json with the library's version;
//   index.d.ts  TypeScript declarations: string-literal unions for every closed set of codes (with the
//               catalogue's other names, e.g. 心功能, accepted in inputs), money as decimal strings, dates
//               as ISO strings, an interface per input and result, the wire contract's Request / Response
//               unions, and the API.
// It reads <pkg dir>/wasm/shftu_rules_wasm.js and its .wasm (wasm-bindgen's output).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = resolve(process.argv[2] ?? 'pkg');
const glue = await import(pathToFileURL(join(pkg, 'wasm/shftu_rules_wasm.js')).href);
glue.initSync({ module: readFileSync(join(pkg, 'wasm/shftu_rules_wasm_bg.wasm')) });
const d = JSON.parse(glue.describe());

const pascal = (s) =>
  String(s)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (s) => {
  const p = pascal(s);
  return p[0].toLowerCase() + p.slice(1);
};
const lit = (s) => JSON.stringify(s);
const comment = (text, indent = '') => {
  const t = String(text ?? '').replace(/\*\//g, '*\\/').trim();
  if (!t) return '';
  const lines = t.split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
};

// ---- closed sets of codes --------------------------------------------------------------------------
const enumTypes = new Map(); // kind -> { code, name } type names
const enumDecls = [];
for (const kind of Object.keys(d.enums).sort()) {
  const e = d.enums[kind];
  const code = pascal(kind);
  const zh = e.codes.map((c) => `${c}: ${e.labels?.[c]?.['zh-CN'] ?? c}`).join('; ');
  enumDecls.push(`${comment(`\`${kind}\` (${e.name}): ${zh}`)}export type ${code} = ${e.codes.map(lit).join(' | ')};\n`);
  const aliases = Object.keys(e.aliases ?? {}).sort();
  let name = code;
  if (aliases.length) {
    name = `${code}Name`;
    enumDecls.push(
      `${comment(`A \`${kind}\` as an input accepts: the code, or one of the plan's own names for it (answers echo the code).`)}` +
        `export type ${name} = ${code} | ${aliases.map(lit).join(' | ')};\n`,
    );
  }
  enumTypes.set(kind, { code, name });
}

// ---- objects ---------------------------------------------------------------------------------------
const objectDecls = [];
const objectNames = new Map(); // key (mode + shape JSON) -> TS name
const usedNames = new Set();

function objectName(shape, mode, family, wanted) {
  const key = `${mode}:${JSON.stringify(shape)}`;
  if (objectNames.has(key)) {
    const existing = objectNames.get(key);
    // A rule's own input or result keeps its own name, as an alias of the same shape under another name.
    if (wanted && wanted !== existing && !usedNames.has(wanted)) {
      usedNames.add(wanted);
      objectDecls.push(`${comment(`The same shape as \`${existing}\`.`)}export type ${wanted} = ${existing};\n`);
      return wanted;
    }
    return existing;
  }
  const suffix = mode === 'in' ? 'Input' : 'Result';
  const candidates = wanted
    ? [wanted]
    : [shape.name, `${pascal(family)}${shape.name}`, `${pascal(family)}${shape.name}${suffix}`];
  let name = candidates.find((c) => !usedNames.has(c));
  for (let i = 2; name === undefined; i++) if (!usedNames.has(`${candidates.at(-1)}${i}`)) name = `${candidates.at(-1)}${i}`;
  usedNames.add(name);
  objectNames.set(key, name);
  const fields = shape.fields.map((f) => {
    const t = tsType(f.shape, mode, family);
    const limit = f.limit ? ` (at most \`${f.limit}\`: ${d.limits[f.limit]})` : '';
    const doc = comment(`${f.doc ?? ''}${limit}`, '  ');
    if (mode === 'in') return `${doc}  ${f.name}${f.required ? '' : '?'}: ${t}${f.required ? '' : ' | null'};\n`;
    return `${doc}  ${f.name}${f.required ? '' : '?'}: ${t}${f.nullable ? ' | null' : ''};\n`;
  });
  objectDecls.push(`${comment(`${shape.doc ?? ''} (\`${shape.name}\`)`)}export interface ${name} {\n${fields.join('')}}\n`);
  return name;
}

function tsType(s, mode, family) {
  switch (s.type) {
    case 'money':
      return 'Money';
    case 'date':
      return 'IsoDate';
    case 'datetime':
      return 'IsoDateTime';
    case 'bool':
      return 'boolean';
    case 'count':
    case 'int':
    case 'long':
      return 'number';
    case 'decimal':
      return 'DecimalText';
    case 'text':
      return 'string';
    case 'enum': {
      const t = enumTypes.get(s.kind);
      if (!t) throw new Error(`enum ${s.kind} is not among describe().enums`);
      return mode === 'in' ? t.name : t.code;
    }
    case 'array': {
      const inner = tsType(s.items, mode, family);
      return mode === 'in' ? `ReadonlyArray<${inner}>` : `${inner}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(s.values, mode, family)}>`;
    case 'object':
      return objectName(s, mode, family);
    default:
      throw new Error(`unknown shape type ${s.type}`);
  }
}

const rules = d.rules.map((r) => {
  const fn = camel(r.function);
  const input = objectName(r.input, 'in', r.family, `${pascal(r.function)}Input`);
  const result =
    r.output.type === 'object'
      ? objectName(r.output, 'out', r.family, `${pascal(r.function)}Result`)
      : tsType(r.output, 'out', r.family);
  const inputOptional = r.input.type === 'object' && r.input.fields.every((f) => !f.required);
  const title = [r.title?.en, r.title?.['zh-CN']].filter(Boolean).join(' — ');
  return { id: r.id, fn, input, result, inputOptional, doc: `\`${r.id}\` (${r.clause})${title ? `: ${title}` : ''}` };
});

// ---- rules.js --------------------------------------------------------------------------------------
const header = '// Generated by scripts/gen.mjs from the registry (`describe`); do not edit.\n';
let js = `${header}import { call } from './api.js';\n\n`;
for (const r of rules) {
  js += comment(`${r.doc}\n@param {import('./index.js').${r.input}} ${r.inputOptional ? '[input]' : 'input'}\n@param {import('./index.js').Options} [options]\n@returns {import('./index.js').${r.result}}`);
  js += r.inputOptional
    ? `export function ${r.fn}(input, options) {\n  return call(${lit(r.id)}, input ?? {}, options);\n}\n\n`
    : `export function ${r.fn}(input, options) {\n  return call(${lit(r.id)}, input, options);\n}\n\n`;
}
js += `/** The typed function of each rule id. */\nexport const RULE_FUNCTIONS = Object.freeze({\n${rules.map((r) => `  ${lit(r.id)}: ${r.fn},`).join('\n')}\n});\n`;
writeFileSync(join(pkg, 'rules.js'), js);

// ---- errors.js -------------------------------------------------------------------------------------
const codes = [...d.errors, 'internal_error'];
const className = (c) => `${pascal(c)}${c.endsWith('_error') ? '' : 'Error'}`;
let errs = `${header}
/** An error of shftu-rules: \`code\` (stable), \`path\` (the field to blame, or null), a message in the language asked for. */
export class ShftuError extends Error {
  constructor(message, code, path = null, options = undefined) {
    super(message, options);
    this.code = code;
    this.path = path;
  }
}
Object.defineProperty(ShftuError.prototype, 'name', { value: 'ShftuError' });
`;
for (const c of codes) {
  errs += `\n/** \`${c}\` */\nexport class ${className(c)} extends ShftuError {}\nObject.defineProperty(${className(c)}.prototype, 'name', { value: ${lit(className(c))} });\n`;
}
errs += `\n/** The class of each error code. */\nexport const ERROR_CLASSES = Object.freeze({\n${codes.map((c) => `  ${c}: ${className(c)},`).join('\n')}\n});\n`;
writeFileSync(join(pkg, 'errors.js'), errs);

// ---- index.d.ts ------------------------------------------------------------------------------------
const langs = d.langs.map(lit).join(' | ');
let dts = `${header}
/** A language of the catalogue. */
export type Lang = ${langs};
/** An amount of money in yuan, as a decimal string with at most two decimals (\`"155.00"\`); never a float. */
export type Money = string;
/** A date, \`YYYY-MM-DD\`. */
export type IsoDate = string;
/** A date and time to the minute, \`YYYY-MM-DDTHH:MM\` (Shanghai time). */
export type IsoDateTime = string;
/** A decimal number as text (a ratio, a percentage). */
export type DecimalText = string;
/** How much of the trace a wire response carries. */
export type TraceMode = "notes" | "full" | "off";
/** Every error code. */
export type ErrorCode = ${codes.map(lit).join(' | ')};
/** Every rule id. */
export type RuleId = ${rules.map((r) => lit(r.id)).join(' | ')};

/** One step of a decision: the clause of the plan and what it decided, in the language asked for. */
export interface TraceStep {
  clause: string;
  note: string;
}
/** A step of a wire response; with \`"trace": "full"\` also its message code and the edition parameters it read. */
export interface ResponseTraceStep extends TraceStep {
  code?: string;
  params?: { id: string; value: unknown; clause: string }[];
}

/** Options of a typed call. */
export interface Options {
  /** The language of error messages and trace notes (default \`"en"\`). */
  lang?: Lang;
  /** An array to which the steps of the decision are appended. */
  trace?: TraceStep[];
}

${enumDecls.join('\n')}
${objectDecls.join('\n')}
/** The input and result types of each rule. */
export interface RuleTypes {
${rules.map((r) => `  ${lit(r.id)}: { input: ${r.input}; result: ${r.result} };`).join('\n')}
}

/** A request of the wire contract (\`JSON.stringify\` it for \`evaluate\`). */
export type RuleRequest = {
  [R in RuleId]: { rule: R; input: RuleTypes[R]["input"]; lang?: Lang; trace?: TraceMode };
}[RuleId];

/** An answered request. */
export type OkResponse<R extends RuleId = RuleId> = {
  [K in R]: { ok: true; rule: K; edition: string; result: RuleTypes[K]["result"]; trace: ResponseTraceStep[] };
}[R];

/** A request that could not be evaluated. */
export interface ErrorResponse {
  ok: false;
  rule: RuleId | null;
  error: { code: ErrorCode; message: string; path: string | null };
}

/** A response of the wire contract (\`JSON.parse\` the text \`evaluate\` answers). */
export type RuleResponse = OkResponse | ErrorResponse;

/** An error of shftu-rules. */
export class ShftuError extends Error {
  /** The stable code. */
  readonly code: ErrorCode;
  /** The JSON path of the field to blame (\`input.lines[0].count\`), or null. */
  readonly path: string | null;
}
${codes.map((c) => `/** \`${c}\` */\nexport class ${className(c)} extends ShftuError {}`).join('\n')}
/** The class of each error code. */
export const ERROR_CLASSES: Readonly<Record<ErrorCode, typeof ShftuError>>;

/** Loads the module (default: the .wasm next to the package's JavaScript) and connects the API. The default entry has done it. */
export function init(moduleOrPath?: string | URL | BufferSource | WebAssembly.Module | globalThis.Response | Promise<globalThis.Response>): Promise<void>;
/** Loads the module from its bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** Answers one request of the wire contract (JSON text) with the response text, byte for byte what every other host answers. */
export function evaluate(request: string): string;
/** \`evaluate\` over many requests, in order. */
export function evaluateMany(requests: readonly string[]): string[];
/** A clerk-ready plain text of a response (its text or the parsed object) in \`lang\` (default \`"en"\`). */
export function explain(response: string | RuleResponse, lang?: Lang): string;
/** The library's version. */
export function version(): string;

/** A shape of \`describe()\`. */
export type ShapeDescription =
  | { type: "money" | "date" | "datetime" | "bool" | "count" | "int" | "long" | "decimal" | "text" }
  | { type: "enum"; name: string; kind: string; codes: string[] }
  | { type: "array"; items: ShapeDescription }
  | { type: "map"; values: ShapeDescription }
  | ObjectDescription;
/** An object's shape in \`describe()\`. */
export interface ObjectDescription {
  type: "object";
  name: string;
  doc: string;
  fields: { name: string; shape: ShapeDescription; required: boolean; nullable: boolean; doc: string; limit: string | null }[];
}
/** The registry as data. */
export interface Description {
  version: number;
  langs: Lang[];
  default_edition: string;
  editions: string[];
  errors: string[];
  limits: Record<string, number>;
  rules: {
    id: RuleId;
    family: string;
    clause: string;
    function: string;
    batch: boolean;
    title: Record<Lang, string>;
    input: ObjectDescription;
    output: ShapeDescription;
  }[];
  enums: Record<string, { name: string; kind: string; codes: string[]; labels: Record<string, Record<Lang, string>>; aliases: Record<string, string> }>;
}
/** The registry as data (frozen): rules, shapes, enums with their labels in every language, errors, limits. */
export function describe(): Description;

${rules.map((r) => `${comment(r.doc)}export function ${r.fn}(input${r.inputOptional ? '?' : ''}: ${r.input}, options?: Options): ${r.result};`).join('\n')}
/** The typed function of each rule id. */
export const RULE_FUNCTIONS: { readonly [R in RuleId]: (input: RuleTypes[R]["input"], options?: Options) => RuleTypes[R]["result"] };
`;
writeFileSync(join(pkg, 'index.d.ts'), dts);
const manifest = JSON.parse(readFileSync(new URL('../js/package.json', import.meta.url), 'utf8'));
manifest.version = glue.version();
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`gen: ${rules.length} typed functions, ${enumTypes.size} enums, ${objectDecls.length} interfaces, ${codes.length} error classes`);
