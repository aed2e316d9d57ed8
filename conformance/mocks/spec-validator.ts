import { zMessageCountTokensParams } from '../../generated/anthropic-messages/zod.gen.js';
import { zInputTokensRequest } from '../../generated/openai-responses/zod.gen.js';
import { validateRequest } from '../../src/validate/index.js';
import { zodIssuesToErrors } from '../../src/validate/zod-issues-to-errors.js';
import type { RequestValidator } from './mock-types.js';

/** The spec validator the mocks use unless told otherwise: `validateRequest` of `src/validate`. */
export const defaultRequestValidator: RequestValidator = validateRequest;

/** Validates an Anthropic `count_tokens` body (`MessageCountTokensParams` of the spec). */
export function validateCountTokensRequest(body: unknown): ReturnType<RequestValidator> {
  const result = zMessageCountTokensParams.safeParse(body);
  if (result.success) return { ok: true, errors: [] };
  return { ok: false, errors: zodIssuesToErrors(result.error.issues, body) };
}

/** Validates a Responses `input_tokens` body (`InputTokensRequest` of the spec). */
export function validateInputTokensRequest(body: unknown): ReturnType<RequestValidator> {
  const result = zInputTokensRequest.safeParse(body);
  if (result.success) return { ok: true, errors: [] };
  return { ok: false, errors: zodIssuesToErrors(result.error.issues, body) };
}
