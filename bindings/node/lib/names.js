'use strict'
// The JavaScript and TypeScript names of what the registry describes, derived in one place for the
// runtime (index.js) and the generator of the declarations (scripts/generate.mjs).

/** `mutual_aid.claim_deadline` → `mutualAidClaimDeadline` (the typed function of a rule). */
function camel(id) {
  return id.replace(/[._]([a-z0-9])/g, (_, c) => c.toUpperCase())
}

/** `mutual_aid.claim_deadline` → `MutualAidClaimDeadline`. */
function pascal(id) {
  const c = camel(id)
  return c.charAt(0).toUpperCase() + c.slice(1)
}

/** The error class of a code: `invalid_input` → `InvalidInputError`, `internal_error` → `InternalError`. */
function errorClassName(code) {
  return pascal(code.replace(/_error$/, '')) + 'Error'
}

/** The type name of every closed set of codes (keyed by its label kind, `mutual_aid.tier`): its own name
 * (`Tier`) when no other set has that name, else prefixed with its family (`MutualAidReason`). */
function enumTypeNames(describe) {
  const count = new Map()
  for (const e of Object.values(describe.enums)) count.set(e.name, (count.get(e.name) ?? 0) + 1)
  const out = new Map()
  for (const e of Object.values(describe.enums)) {
    const family = e.kind.split('.')[0]
    out.set(e.kind, count.get(e.name) === 1 ? e.name : pascal(family) + e.name)
  }
  return out
}

module.exports = { camel, pascal, errorClassName, enumTypeNames }
