// Shared helpers of the tests: the conformance vectors, canonical JSON, and the package's names.
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

export const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..')
export const repo = join(root, '..', '..')
export const casesDir = join(repo, 'spec', 'cases')
const names = createRequire(import.meta.url)(join(root, 'lib', 'names.js'))

/** Every vector file: [{file, rule, cases}]. */
export function vectorFiles() {
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, rule: f.replace(/\.json$/, ''), cases: JSON.parse(readFileSync(join(casesDir, f), 'utf8')) }))
}

/** Canonical JSON: keys sorted recursively, compact. */
export function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** `mutual_aid.claim_deadline` → `mutualAidClaimDeadline`. */
export const typedName = names.camel

/** Does `v` hold a number that is not a safe integer (which the typed API refuses)? */
export function hasUnsafeNumber(v) {
  if (typeof v === 'number') return !Number.isSafeInteger(v)
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasUnsafeNumber)
  return false
}

/** The request of a case with `lang` added, when it is an object that names none (else null). */
export function inLang(request, lang) {
  if (request === null || typeof request !== 'object' || Array.isArray(request) || 'lang' in request) return null
  return { ...request, lang }
}
