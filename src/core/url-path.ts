import { TranslationError } from './errors.js';

/** A percent-encoded URL path segment decoded, or undefined when it is not valid percent-encoding. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * `.` and `..` as a path segment: URL parsers (WHATWG `new URL`, also for `%2e` spellings) resolve them, so a
 * model named so would move the request to another path (`/model/../converse` is `/converse`).
 */
export function isDotSegment(decoded: string): boolean {
  return decoded === '.' || decoded === '..';
}

/** A value that goes into a URL path as one segment; a dot segment is refused (`isDotSegment`). */
export function pathSegment(value: string, what: string): string {
  if (isDotSegment(value))
    throw new TranslationError(
      'invalid_input',
      `${what} "${value}" cannot be sent: it is a relative URL path segment`,
      {
        path: what === 'model' ? 'model' : undefined,
      },
    );
  return encodeURIComponent(value);
}
