import { isRecord } from '../../core/narrow.js';
import { type AnthropicErrorBody, anthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { isOpenAIErrorBody, type OpenAIErrorBody } from '../../formats/openai-chat/errors.js';
import type { HttpError } from '../pair.js';
import { openaiErrorTypeToAnthropic, parseBody, unknownMessage, validStatus } from './map-errors.js';

/** An OpenAI HTTP error (status + body) -> the Anthropic error a Messages client expects. */
export function openaiErrorToAnthropic(error: HttpError): HttpError<AnthropicErrorBody> {
  const status = validStatus(isRecord(error) ? error.status : undefined);
  const raw = isRecord(error) ? error.body : undefined;
  const body = parseBody(raw);
  if (isOpenAIErrorBody(body)) {
    const e = body.error as OpenAIErrorBody['error'] & Record<string, unknown>;
    const type = openaiErrorTypeToAnthropic(e.type, e.code, status);
    return { status, body: anthropicErrorBody(status, e.message, type) };
  }
  return { status, body: anthropicErrorBody(status, unknownMessage(status, raw), 'api_error') };
}
