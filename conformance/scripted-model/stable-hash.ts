/** FNV-1a 32-bit hash of `text` as 8 hex digits: deterministic ids and signatures for the scripted model. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A deterministic thinking signature: base64 of `crosswire-mock:<hash of the thinking text>`. */
export function signatureFor(thinkingText: string): string {
  return btoa(`crosswire-mock:${stableHash(thinkingText)}`);
}
