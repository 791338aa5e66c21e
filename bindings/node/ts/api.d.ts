/* The parts of the declarations that are not the registry's: value types, options, the error base class
 * and the functions that do not depend on a rule. scripts/generate.mjs puts this file first in
 * generated/index.d.ts and generates the rest (codes, inputs, results, typed functions) from describe().
 * It names no rule and no code of a closed set. */

/** An amount of money in yuan, exact to the cent, as a decimal string: `"155.00"`. Results always carry
 * exactly two decimals. */
export type Money = string
/** An amount of money as an input: a decimal string, or a number that is a safe integer (whole yuan). A
 * fractional number is refused (`InvalidInputError`): it has been through binary floating point. */
export type MoneyInput = Money | number
/** A calendar date, `'YYYY-MM-DD'`. */
export type IsoDate = string
/** A date and a time of day, `'YYYY-MM-DDTHH:MM'` (Shanghai time). */
export type IsoDateTime = string
/** An exact decimal number in a result (a ratio, a percentage), as a string. */
export type DecimalString = string

/** How much of the trace to give: each step's clause and note (`notes`), also its message code and the
 * edition parameters it read (`full`), or none (`off`). */
export type TraceMode = 'notes' | 'full' | 'off'

/** An edition parameter a step read (`trace: 'full'`). */
export interface TraceParam {
  id: string
  value: unknown
  clause: string
}
/** One step of a decision: the clause of the plan and what was decided or computed. */
export interface TraceStep {
  clause: string
  note: string
  /** The message's code (`trace: 'full'` only). */
  code?: string
  /** The edition parameters the step read (`trace: 'full'` only). */
  params?: TraceParam[]
}

/** Options of every typed function. */
export interface Options {
  /** The edition of the plan (default `'2023'`). */
  edition?: string | null
  /** The language of the trace and of error messages (default `'en'`). */
  lang?: Lang | null
  /** The trace to give with the result, as its `trace` property: `'notes'`, `'full'` or `'off'` (the
   * default: none). An array (deprecated) means `'notes'`, and gets the steps appended too. */
  trace?: TraceMode | TraceStep[] | null
}

/** A typed function's result: the rule's result, and — when `options.trace` asked for one — its trace as
 * the non-enumerable property `trace` (so the result's own fields, `JSON.stringify` and deep equality are
 * those of the wire contract's `result`). */
export type Traced<T> = T & { readonly trace?: TraceStep[] }

/** Base class of every error the library throws. */
export declare class ShftuError extends Error {
  /** The code of the class (null for ShftuError itself). */
  static readonly code: ErrorCode | null
  constructor(message: string, path?: string | null)
  /** The error code (the wire contract's, or `internal_error`). */
  readonly code: ErrorCode
  /** The JSON path of the field to blame (`input.claims[2].amount`), or null. */
  readonly path: string | null
}

/** One rule of the registry. */
export interface RuleInfo {
  /** The rule id, e.g. `mutual_aid.enroll`. */
  id: RuleId
  /** What it answers, in one line. */
  summary: string
  /** The clause of the plan it implements. */
  clause: string
  /** Its family, e.g. `mutual_aid`. */
  family: string
  /** Does the core have a column kernel for it? */
  batch: boolean
}

/** The registry as data (`describe()`; the same as `shftu-rules describe`). */
export interface Description {
  version: number
  langs: Lang[]
  default_edition: string
  editions: string[]
  errors: WireErrorCode[]
  limits: Record<LimitName, number>
  rules: Array<{
    id: RuleId
    family: string
    clause: string
    function: string
    batch: boolean
    title: Record<Lang, string>
    input: unknown
    output: unknown
  }>
  enums: Record<string, { name: string; kind: string; codes: string[]; labels: Record<string, Record<Lang, string>>; aliases: Record<string, string> }>
}

/** Answers one request of the wire contract (JSON text) with the response text, byte for byte the
 * core's. A request past the `request_bytes` limit is answered `limit_exceeded` before it is copied. */
export declare function evaluateJson(request: string): string
/** `evaluateJson` over many requests, in order; a bad request gets its `ok: false` response. */
export declare function evaluateManyJson(requests: ReadonlyArray<string>): string[]
/** A clerk-ready plain-text account of a response (an object or its JSON text) in `lang` (default `'en'`):
 * the decision, the figures, the clauses applied in order and what to do next. */
export declare function explain(response: Response | string, lang?: Lang | null): string
/** The registry as data: every rule with its titles and the shapes of its input and result, every closed
 * set of codes with its labels and other names, the error codes, the limits and the languages. */
export declare function describe(): Description
/** Every rule the wire contract answers, in the plan's order. */
export declare function rules(): RuleInfo[]
/** The editions of the plan the library holds. */
export declare function editions(): string[]
/** Every error code of the wire contract, in the order of the core's variants. */
export declare function errorCodes(): WireErrorCode[]
/** The codes of every closed set of strings the rules read or answer with, by the name of its type here:
 * `{ Tier: ['C', 'D', 'E'], … }`. */
export declare function enumValues(): EnumValues

// ---- the batch kernels (core::batch): columns in, result columns and error columns out ----

/** How a batch function writes amounts of money: decimal strings (`'string'`, the default; null at a row
 * in error), or whole fen in a `BigInt64Array` (`'fen'`: exact, and the fastest to make; 0 at a row in
 * error). */
export type MoneyMode = 'string' | 'fen'
/** A money column, by mode. */
export type MoneyColumn<M extends MoneyMode> = M extends 'fen' ? BigInt64Array : Array<Money | null>
/** Options of every batch function. */
export interface BatchOptions {
  /** The edition of the plan (default `'2023'`). */
  edition?: string | null
  /** The language of the error messages (default `'en'`). */
  lang?: Lang | null
}
/** The error columns of a batch function's answer: per row, null when the row was evaluated, else its
 * error code and message (which names the row and the column). */
export interface ErrorColumns {
  error_code: Array<WireErrorCode | null>
  error: Array<string | null>
}
/** A column of whole numbers: a typed array (read in place when it is an Int32Array, Uint32Array or
 * Uint8Array), or an array of numbers in which null, undefined and NaN are gaps (a row error, never a
 * default). A fraction is the row's error. */
export type CountColumn =
  | ReadonlyArray<number | null | undefined>
  | Int32Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Int16Array
  | Int8Array
  | Float64Array
  | Float32Array
  | BigInt64Array
/** A column of codes (or the catalogue's other names); null for a gap. */
export type CodeColumn<T extends string> = ReadonlyArray<T | null | undefined>
/** A column of dates: ISO strings (null for a gap), or an Int32Array of days since 1970-01-01 (Arrow's
 * date32). */
export type DateColumn = ReadonlyArray<IsoDate | null | undefined> | Int32Array
/** A column of ids: strings or whole numbers, in any order. */
export type KeyColumn = ReadonlyArray<string | number | null | undefined> | Int32Array | Uint32Array
/** One column per field of `T`: null at a row in error. */
export type Columns<T> = { [K in keyof T]-?: Array<Exclude<T[K], undefined> | null> }
/** The amount columns of `batch.checkupQuote`. */
export type CheckupColumn = 'unit_price' | 'price' | 'subsidy' | 'payable'
/** A claim row of `batch.adjudicate`: its policy's id and fields, and the claim's. */
export type ClaimRowInput = { policy_id: string | number } & Policy & Claim

/** The core's column kernels and row drivers, over columns (typed arrays or arrays) and arrays of rows.
 * Each answers result columns in row order and `error_code`/`error` columns; a bad row never stops the
 * batch, and a null is never read as a default. */
export interface Batch {
  /** `checkup.quote` per row: package (code or name) × count → unit price, price, subsidy and payable.
   * Without a count column, one checkup a row. `options.columns` chooses the amount columns. */
  checkupQuote<M extends MoneyMode = 'string'>(
    columns: { package: CodeColumn<Package | PackageName> | Uint8Array; count?: CountColumn | null },
    options?: BatchOptions & { money?: M | null; columns?: ReadonlyArray<CheckupColumn> | null },
  ): Partial<Record<CheckupColumn, MoneyColumn<M>>> & ErrorColumns
  /** The tier E premium for cover starting on each day (the fee `mutualAidEnroll` gives). */
  ePremium<M extends MoneyMode = 'string'>(
    columns: { coverage_start: DateColumn },
    options?: BatchOptions & { money?: M | null },
  ): { premium: MoneyColumn<M> } & ErrorColumns
  /** Hospital-day claims under the period's day limit, in row order, per policy and tier. The tier comes
   * from the `tier` column or, for every row, from `options.tier`. */
  hospitalDays<M extends MoneyMode = 'string'>(
    columns: { policy_id: KeyColumn; days: CountColumn; tier?: CodeColumn<Tier | TierName> | Uint8Array | null },
    options?: BatchOptions & { money?: M | null; tier?: Tier | TierName | null },
  ): { paid_days: Uint32Array; payable: MoneyColumn<M>; reason: Array<MutualAidReason | null> } & ErrorColumns
  /** `mutual_aid.adjudicate` over a population: claim rows grouped by policy, each policy's claims decided
   * together as one request would; one decision per row. */
  adjudicate(rows: ReadonlyArray<ClaimRowInput>, options?: BatchOptions): Columns<ClaimDecision> & ErrorColumns
  /** `mutual_aid.enroll` over rows; one answer per row, as columns. */
  enroll(rows: ReadonlyArray<MutualAidEnrollInput>, options?: BatchOptions): Columns<MutualAidEnrollResult> & ErrorColumns
}
/** The batch kernels. */
export declare const batch: Batch
