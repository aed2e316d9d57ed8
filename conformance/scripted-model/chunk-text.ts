/**
 * Splits `text` into pieces of `size` Unicode code points (never inside a surrogate pair), for stream deltas.
 * `size` <= 0 or not finite: one piece. Empty text: no pieces.
 */
export function chunkText(text: string, size: number): string[] {
  if (text === '') return [];
  if (!(size > 0) || !Number.isFinite(size) || text.length <= size) return [text];
  const pieces: string[] = [];
  let start = 0;
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++; // high surrogate: take its pair
    points++;
    if (points === size) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
      points = 0;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
