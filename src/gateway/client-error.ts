import type { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { anthropicErrorBody } from '../formats/anthropic-messages/errors.js';
import { bedrockExceptionForStatus, bedrockHttpStatus } from '../formats/bedrock-invoke/errors.js';
import { openaiErrorBody } from '../formats/openai-chat/errors.js';
import { getCodec } from '../translate/translate.js';

/** The gateway's client-facing formats (the endpoints it serves). */
export type ClientFormat =
  | 'anthropic-messages'
  | 'openai-chat'
  | 'gemini'
  | 'bedrock-invoke'
  | 'bedrock-converse'
  | 'vertex-anthropic'
  | 'openai-responses';

/** An error body in the caller's own format; `param` is the JSON path at fault, when known. */
export function clientErrorBody(
  format: FormatId,
  status: number,
  message: string,
  opts: { type?: string; param?: string } = {},
): unknown {
  if (format === 'anthropic-messages') return anthropicErrorBody(status, message, opts.type);
  // Responses errors are OpenAI's error body too, `param` included
  if (format === 'openai-chat' || format === 'openai-responses')
    return openaiErrorBody(status, message, { type: opts.type, param: opts.param ?? null });
  return getCodec(format).errorBody(status, message, opts.type);
}

/**
 * Headers an error response needs in the caller's format: Bedrock clients read the exception name from
 * `x-amzn-ErrorType` (without it the AWS SDK throws a nameless `Unknown` error).
 */
export function clientErrorHeaders(format: FormatId, status: number): Record<string, string> {
  if (format === 'bedrock-converse' || format === 'bedrock-invoke')
    return { 'x-amzn-errortype': bedrockExceptionForStatus(bedrockHttpStatus(status)) };
  return {};
}

/** The status of a request the translator refused: the client's fault (400) unless the translator failed (500). */
export function translationErrorStatus(e: TranslationError): number {
  return e.kind === 'unsupported' || e.kind === 'loss' || e.kind === 'invalid_input' ? 400 : 500;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A complete error response in the caller's format. */
export function clientError(
  format: FormatId,
  status: number,
  message: string,
  opts: { type?: string; param?: string; headers?: Record<string, string> } = {},
): Response {
  return jsonResponse(status, clientErrorBody(format, status, message, opts), {
    ...clientErrorHeaders(format, status),
    ...opts.headers,
  });
}
