// Lossless JSON for the tests: numbers are kept as their text (JSON.parse would round 100.10 to 100.1 and
// 1e400 to Infinity), and `canon` writes the canonical form every host is compared in — sorted keys,
// compact — as serde_json writes a request (the core's conformance test sends `to_string` of the case's
// request: keys sorted, numbers as written).

/** A JSON number, kept as its text. */
export class Num {
  constructor(text) {
    this.text = text;
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\.)*"/suy;

/** Parses JSON text; objects become plain objects (key order kept), numbers `Num`. */
export function parse(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (what) => {
    throw new SyntaxError(`${what} at ${i}`);
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = string();
        ws();
        if (text[i++] !== ':') fail('expected :');
        Object.defineProperty(o, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return o;
        } else fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const a = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return a;
        } else fail('expected , or ]');
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length) {
      i += m[0].length;
      return new Num(m[0]);
    }
    for (const [w, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(w, i)) {
        i += w.length;
        return v;
      }
    }
    return fail('unexpected character');
  };
  const string = () => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) fail('bad string');
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

const byCodePoint = (a, b) => {
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    const d = x[k].codePointAt(0) - y[k].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
};

/** The canonical text: sorted keys (by code point, as UTF-8 bytes sort), compact, numbers as written. */
export function canon(v) {
  if (v instanceof Num) return v.text;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  return `{${Object.keys(v)
    .sort(byCodePoint)
    .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
    .join(',')}}`;
}

/** Plain JavaScript values (numbers as JavaScript numbers), for the typed API. */
export function plain(v) {
  if (v instanceof Num) return Number(v.text);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

/** Does the value hold a number that is not a whole number written without a fraction or exponent? */
export function hasNonInteger(v) {
  if (v instanceof Num) return !/^-?\d+$/.test(v.text) || !Number.isSafeInteger(Number(v.text));
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some(hasNonInteger);
}
