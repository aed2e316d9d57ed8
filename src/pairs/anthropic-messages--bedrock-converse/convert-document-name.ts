/**
 * Converse `DocumentBlock.name` rules (Bedrock API reference, DocumentBlock): 1 to 200 characters, only
 * letters and digits, single whitespace characters, hyphens, parentheses and square brackets; Bedrock
 * rejects anything else with a ValidationException. `converseDocumentName(title)` is the closest name that
 * fits: every run of other characters becomes one hyphen, whitespace runs become one space, cut to 200;
 * `undefined` when nothing usable is left.
 */

const MAX_NAME = 200;

export function converseDocumentName(title: string): string | undefined {
  const name = title
    .replace(/[^A-Za-z0-9\s\-()[\]]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME)
    .trim();
  return /[A-Za-z0-9]/.test(name) ? name : undefined;
}
