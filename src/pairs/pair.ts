import type { FormatId } from '../core/formats.js';
import type { HttpError } from '../core/http-error.js';
import type { StreamTranslator, TranslateOptions, TranslationResult } from '../core/options.js';

export type { HttpError } from '../core/http-error.js';

/**
 * One direction between two formats. `from` is always the format of the input handed in:
 * for requests the client's format, for responses/streams/errors the upstream's.
 */
export interface PairTranslator<
  ReqIn = unknown,
  ReqOut = unknown,
  ResIn = unknown,
  ResOut = unknown,
  EvIn = unknown,
  EvOut = unknown,
> {
  from: FormatId;
  to: FormatId;
  /** request in `from` format -> request in `to` format */
  request?: (body: ReqIn, options?: TranslateOptions) => TranslationResult<ReqOut>;
  /** response in `from` format -> response in `to` format */
  response?: (body: ResIn, options?: TranslateOptions) => TranslationResult<ResOut>;
  /** stream events in `from` format -> stream events in `to` format */
  stream?: (options?: TranslateOptions) => StreamTranslator<EvIn, EvOut>;
  /** HTTP error of `from` -> HTTP error of `to` */
  error?: (error: HttpError, options?: TranslateOptions) => HttpError;
}
