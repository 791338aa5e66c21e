// What the tests share: the built package (bindings/wasm/pkg, or SHFTU_WASM_PKG), the native CLI for
// answers of the core built for the host (SHFTU_CLI, default <repo>/target/release/shftu-rules).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo } from './corpus.mjs';

export { repo };
export const pkgDir = resolve(process.env.SHFTU_WASM_PKG ?? join(repo, 'bindings/wasm/pkg'));

/** The package, through its Node entry. */
export async function loadPackage(dir = pkgDir) {
  const entry = join(dir, 'node.js');
  if (!existsSync(entry)) throw new Error(`no built package at ${dir}: run bindings/wasm/build.sh`);
  return import(pathToFileURL(entry).href);
}

export const cliPath = process.env.SHFTU_CLI ?? join(repo, 'target/release/shftu-rules');

/** The native CLI's responses to request lines (raw text, one per line), or null when it is not built. */
export function cliAnswers(lines) {
  if (!existsSync(cliPath)) return null;
  const p = spawnSync(cliPath, ['eval'], { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30 });
  const out = p.stdout.split('\n').filter((l) => l.trim() !== '');
  if (out.length !== lines.length) throw new Error(`the CLI answered ${out.length} lines for ${lines.length}: ${p.stderr.slice(-2000)}`);
  return out;
}
