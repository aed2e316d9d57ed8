import { isRecord } from '../../core/narrow.js';
import { type AnthropicErrorBody, isAnthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { type OpenAIErrorBody, openaiErrorBody } from '../../formats/openai-chat/errors.js';
import type { HttpError } from '../pair.js';
import { anthropicErrorTypeToOpenAI, bodyText, parseBody, unknownMessage, validStatus } from './map-errors.js';

/** An Anthropic HTTP error (status + body) -> the OpenAI error a Chat Completions client expects. */
export function anthropicErrorToOpenAI(error: HttpError): HttpError<OpenAIErrorBody> {
  const status = validStatus(isRecord(error) ? error.status : undefined);
  const raw = isRecord(error) ? error.body : undefined;
  const body = parseBody(raw);
  if (isAnthropicErrorBody(body)) {
    const e = body.error as AnthropicErrorBody['error'] & Record<string, unknown>;
    const mapped = anthropicErrorTypeToOpenAI(e.type, status);
    const details = isRecord(e.details) ? e.details : undefined;
    const code = typeof details?.error_code === 'string' ? details.error_code : mapped.code;
    const message = typeof e.message === 'string' ? e.message : bodyText(body);
    return { status, body: openaiErrorBody(status, message, { type: mapped.type, code }) };
  }
  return { status, body: openaiErrorBody(status, unknownMessage(status, raw), { type: 'server_error', code: null }) };
}
