// The package's entry for Node: the module is read from the file next to this one and compiled at import.
import { readFileSync } from 'node:fs';
import { initSync } from './web.js';

initSync(readFileSync(new URL('./wasm/shftu_rules_wasm_bg.wasm', import.meta.url)));

export * from './web.js';
