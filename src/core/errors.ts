import type { JsonPath } from './json-path.js';
import type { Loss } from './loss.js';

export type TranslationErrorKind =
  /** the input does not have the shape its format requires */
  | 'invalid_input'
  /** `strict: true` and a field could not be carried over */
  | 'loss'
  /** the input is valid but asks for something the target cannot express at all */
  | 'unsupported'
  /** the upstream stream was malformed, cut short or reported an error */
  | 'upstream';

/** The one error type translators throw. Anything else escaping a translator is a bug. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  readonly kind: TranslationErrorKind;
  readonly path: JsonPath | undefined;
  readonly losses: readonly Loss[];
  /**
   * The HTTP status the failure stands for, when it is not the kind's default (`streamFailure`): e.g. 504 for
   * an upstream stream that went idle.
   */
  readonly status: number | undefined;

  constructor(
    kind: TranslationErrorKind,
    message: string,
    opts: { path?: JsonPath; losses?: readonly Loss[]; status?: number } = {},
  ) {
    super(opts.path !== undefined ? `${message} (at ${opts.path === '' ? '<root>' : opts.path})` : message);
    this.kind = kind;
    this.path = opts.path;
    this.losses = opts.losses ?? [];
    this.status = opts.status;
  }
}

export function isTranslationError(e: unknown): e is TranslationError {
  return e instanceof TranslationError;
}
