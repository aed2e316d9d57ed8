import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import type { StreamTranslator, TranslateOptions, TranslationResult } from '../../core/options.js';
import { anthropicErrorBody, isAnthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { isRecord } from '../../formats/gemini/narrow.js';
import { geminiErrorToAnthropic } from '../anthropic-messages--gemini/map-errors.js';
import type { HttpError, PairTranslator } from '../pair.js';
import { anthropicRequestToVertex, vertexRequestToAnthropic } from './convert-requests.js';

export { anthropicRequestToVertex, type VertexAnthropicRequestContext, vertexRequestToAnthropic } from './convert-requests.js';

/** rawPredict returns the Anthropic `Message` itself. */
function sameMessage(body: unknown, options: TranslateOptions = {}): TranslationResult<unknown> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  return { body, losses: [], context: options.context ?? {} };
}

/** streamRawPredict streams Anthropic's events; a stream cut before `message_stop` ends with an error event. */
function samePass(options: TranslateOptions = {}): StreamTranslator<unknown, unknown> {
  const losses = new LossCollector(options.strict);
  let done = false;
  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event) || typeof event.type !== 'string') throw new TranslationError('upstream', 'a stream event needs a string "type"');
      if (event.type === 'message_stop' || event.type === 'error') done = true;
      return [event];
    },
    end() {
      if (done) return [];
      done = true;
      return [{ type: 'error', error: { type: 'api_error', message: 'the upstream stream ended before message_stop' } }];
    },
    get losses() {
      return losses.list;
    },
  };
}

/**
 * Vertex errors: the model's own errors are Anthropic bodies and pass; errors of Google's front end
 * (auth, quota) are `google.rpc.Status` bodies and are mapped as Gemini's are.
 */
export function vertexErrorToAnthropic(error: HttpError): HttpError {
  if (isAnthropicErrorBody(error.body) && (error.body as { type?: unknown }).type === 'error') return error;
  if (isRecord(error.body) && isRecord(error.body.error)) return geminiErrorToAnthropic(error);
  return { status: error.status, body: anthropicErrorBody(error.status, `upstream error ${error.status}`) };
}

/** Anthropic clients of Vertex (the Vertex SDK) read Anthropic error bodies. */
function sameError(error: HttpError): HttpError {
  return error;
}

export const anthropicToVertex: PairTranslator = {
  from: 'anthropic-messages',
  to: 'vertex-anthropic',
  request: anthropicRequestToVertex,
  response: sameMessage,
  stream: samePass,
  error: sameError,
};

export const vertexToAnthropic: PairTranslator = {
  from: 'vertex-anthropic',
  to: 'anthropic-messages',
  request: vertexRequestToAnthropic,
  response: sameMessage,
  stream: samePass,
  error: vertexErrorToAnthropic,
};
