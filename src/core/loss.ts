import type { JsonPath } from './json-path.js';

/** A field of the input that could not be carried to the target format, and why. */
export interface Loss {
  /** JSON path in the *input* document, e.g. `messages[1].content[0].cache_control` */
  path: JsonPath;
  reason: string;
}
