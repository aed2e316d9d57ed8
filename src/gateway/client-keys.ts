const encoder = new TextEncoder();

/** Equal bytes, in a time that depends on `presented`'s length only (not on where the bytes differ, nor on `key`). */
function sameBytes(presented: Uint8Array, key: Uint8Array): boolean {
  let diff = presented.length ^ key.length;
  for (let i = 0; i < presented.length; i++) diff |= presented[i]! ^ key[i % key.length]!;
  return diff === 0;
}

/**
 * A check of a presented client key against the configured ones in constant time: every key is compared, each
 * comparison reads every byte of the presented key, so the time says nothing about how much of a key matched.
 */
export function clientKeyCheck(keys: readonly string[]): (presented: string) => boolean {
  const encoded = keys.filter((k) => k.length > 0).map((k) => encoder.encode(k));
  return (presented) => {
    const p = encoder.encode(presented);
    let ok = false;
    for (const k of encoded) ok = sameBytes(p, k) || ok;
    return ok;
  };
}
