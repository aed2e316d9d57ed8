import type * as Responses from '../../generated/openai-responses/types.gen.js';
import type { WireFormatId } from '../core/formats.js';
import type { JsonPath } from '../core/json-path.js';
import type { FormatTypes, Known } from '../formats/format-types.js';

/** One problem found by a validator: where (a JSON path into the validated value) and what. */
export interface ValidationIssue {
  path: JsonPath;
  message: string;
}

/**
 * The result of `validateRequest` / `validateResponse` / `validateStreamEvent`: `ok` with the value, typed as the
 * format's (the same object that was validated, not a copy), or the problems found.
 */
export type ValidationResult<T = unknown> =
  | { ok: true; errors: []; value: T }
  | { ok: false; errors: ValidationIssue[] };

/** The wire types of every format the validators know: the translated formats and the validated-only ones. */
export interface ValidatedFormatTypes extends FormatTypes {
  'openai-responses': {
    request: Responses.CreateResponseRequest;
    response: Responses.ResponseObject;
    streamEvent: Responses.ResponseStreamEvent;
    errorBody: Responses.ErrorResponse;
  };
}

/** What a valid request body of format `F` is (`unknown` for a `WireFormatId` chosen at run time). */
export type ValidatedRequest<F extends WireFormatId> = Known<WireFormatId, F, ValidatedFormatTypes[F]['request']>;
/** What a valid non-stream response body of format `F` is. */
export type ValidatedResponse<F extends WireFormatId> = Known<WireFormatId, F, ValidatedFormatTypes[F]['response']>;
/** What a valid parsed stream event of format `F` is. */
export type ValidatedStreamEvent<F extends WireFormatId> = Known<
  WireFormatId,
  F,
  ValidatedFormatTypes[F]['streamEvent']
>;
