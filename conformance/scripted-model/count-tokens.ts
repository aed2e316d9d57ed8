/**
 * The scripted model's tokenizer: one token per whitespace-separated word. Deterministic and easy to predict by
 * hand, which is all a mock needs.
 */

function isSpace(code: number): boolean {
  // space, \t \n \v \f \r, NBSP, and the Unicode spaces a JS `\s` knows that turn up in practice
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000
  );
}

/** Number of whitespace-separated words in `text`. */
export function countTokens(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Sum of `countTokens` over `texts`. */
export function countAllTokens(texts: readonly string[]): number {
  let total = 0;
  for (const t of texts) total += countTokens(t);
  return total;
}

/** The prefix of `text` that ends with its `n`th word (keeps the original spacing; '' for n <= 0). */
export function firstTokens(text: string, n: number): string {
  if (n <= 0) return '';
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space && inWord && count === n) return text.slice(0, i);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return text;
}
