// The package's default entry, for bundlers (webpack 5, Vite, Rollup, esbuild with an asset plugin) and
// for browsers that load ES modules directly: the module is loaded when this file is imported (top-level
// await), so every function can be called at once.
import { init } from './web.js';

await init();

export * from './web.js';
