import { TranslationError } from '../../core/errors.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { isRecord } from '../../formats/gemini/narrow.js';
import type { PairTranslator } from '../pair.js';
import { anthropicRequestToVertex, vertexRequestToAnthropic } from './convert-requests.js';
import { createAnthropicToVertexStream, createVertexToAnthropicStream } from './convert-streams.js';
import { anthropicErrorToVertex, vertexErrorToAnthropic } from './map-errors.js';

export { anthropicRequestToVertex, type VertexAnthropicRequestContext, vertexRequestToAnthropic } from './convert-requests.js';
export { createAnthropicToVertexStream, createVertexToAnthropicStream } from './convert-streams.js';
export { anthropicErrorToVertex, vertexErrorToAnthropic } from './map-errors.js';

/** rawPredict returns the Anthropic `Message` itself. */
function sameMessage(body: unknown, options: TranslateOptions = {}): TranslationResult<unknown> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  return { body, losses: [], context: options.context ?? {} };
}

export const anthropicToVertex: PairTranslator = {
  from: 'anthropic-messages',
  to: 'vertex-anthropic',
  request: anthropicRequestToVertex,
  response: sameMessage,
  stream: createAnthropicToVertexStream,
  error: anthropicErrorToVertex,
};

export const vertexToAnthropic: PairTranslator = {
  from: 'vertex-anthropic',
  to: 'anthropic-messages',
  request: vertexRequestToAnthropic,
  response: sameMessage,
  stream: createVertexToAnthropicStream,
  error: vertexErrorToAnthropic,
};
