// The package for the web: `await init()` once (it fetches the .wasm next to this file, or what you pass),
// then call the functions. `initSync(bytes)` where the bytes are at hand (a worker, Node).
import initGlue, * as glue from './wasm/shftu_rules_wasm.js';
import { __bind } from './api.js';

/** Loads the module (default: `wasm/shftu_rules_wasm_bg.wasm` next to this file) and connects the API. */
export async function init(moduleOrPath) {
  await initGlue(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  __bind(glue);
}

/** Loads the module from its bytes (or a compiled WebAssembly.Module) and connects the API. */
export function initSync(module) {
  glue.initSync({ module });
  __bind(glue);
}

export { evaluate, evaluateMany, explain, describe, version } from './api.js';
export * from './errors.js';
export * from './rules.js';
