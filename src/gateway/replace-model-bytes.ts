const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL_KEY = new TextEncoder().encode('"model"');

function skipString(b: Uint8Array, i: number): number {
  // b[i] is the opening quote; returns the index after the closing quote
  for (let j = i + 1; j < b.length; j++) {
    if (b[j] === BACKSLASH) j++;
    else if (b[j] === QUOTE) return j + 1;
  }
  return -1;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function keyIsModel(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== MODEL_KEY.length) return false;
  for (let k = 0; k < MODEL_KEY.length; k++) if (b[start + k] !== MODEL_KEY[k]) return false;
  return true;
}

/**
 * Replace the string value of the top-level `"model"` key in a JSON object's bytes, leaving
 * every other byte as the client sent it (so a same-format pass-through stays byte-exact).
 * Returns undefined when the bytes do not hold such a key (the caller re-serialises instead).
 */
export function replaceModelBytes(bytes: Uint8Array, model: string): Uint8Array | undefined {
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const end = skipString(bytes, i);
      if (end < 0) return undefined;
      if (depth === 1 && expectKey && keyIsModel(bytes, i, end)) {
        let j = end;
        while (isSpace(bytes[j])) j++;
        if (bytes[j] !== 0x3a) return undefined;
        j++;
        while (isSpace(bytes[j])) j++;
        if (bytes[j] !== QUOTE) return undefined;
        const valueEnd = skipString(bytes, j);
        if (valueEnd < 0) return undefined;
        const value = new TextEncoder().encode(JSON.stringify(model));
        const out = new Uint8Array(bytes.length - (valueEnd - j) + value.length);
        out.set(bytes.subarray(0, j), 0);
        out.set(value, j);
        out.set(bytes.subarray(valueEnd), j + value.length);
        return out;
      }
      expectKey = false;
      i = end - 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      expectKey = c === 0x7b && depth === 1;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2c && depth === 1) {
      expectKey = true;
    }
  }
  return undefined;
}
