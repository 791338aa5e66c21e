// The conformance corpus, spec/cases/*.json, read losslessly: each case's request as the text the core's
// conformance test sends, and its recorded responses in canonical form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, canon } from './json.mjs';

export const repo = new URL('../../../../', import.meta.url).pathname;
export const casesDir = join(repo, 'spec/cases');

/** The request text with `lang` added (the zh-CN response is the answer to it). */
function withLang(request, lang) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return null;
  return canon({ ...request, lang });
}

function tryParse(text) {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

/** Every case: { file, name, request, text, response, zhText, zhResponse } (zh* only when recorded). */
export function loadCases() {
  const out = [];
  for (const f of readdirSync(casesDir).filter((n) => n.endsWith('.json')).sort()) {
    for (const c of parse(readFileSync(join(casesDir, f), 'utf8'))) {
      if (!('response' in c)) continue;
      const request = typeof c.request === 'string' ? c.request : canon(c.request);
      const zh = 'response_zh-CN' in c;
      out.push({
        file: f.replace(/\.json$/, ''),
        name: c.name,
        request: c.request,
        text: request,
        response: canon(c.response),
        zhText: zh ? withLang(typeof c.request === 'string' ? tryParse(c.request) : c.request, 'zh-CN') : undefined,
        zhResponse: zh ? canon(c['response_zh-CN']) : undefined,
      });
    }
  }
  return out;
}
