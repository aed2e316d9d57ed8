import { sameMessage } from '../../formats/anthropic-messages/same-message.js';
import type { PairTranslator } from '../pair.js';
import { anthropicRequestToVertex, vertexRequestToAnthropic } from './convert-requests.js';
import { createAnthropicToVertexStream, createVertexToAnthropicStream } from './convert-streams.js';
import { anthropicErrorToVertex, vertexErrorToAnthropic } from './map-errors.js';

export { anthropicRequestToVertex, type VertexAnthropicRequestContext, vertexRequestToAnthropic } from './convert-requests.js';
export { createAnthropicToVertexStream, createVertexToAnthropicStream } from './convert-streams.js';
export { anthropicErrorToVertex, vertexErrorToAnthropic } from './map-errors.js';

export const anthropicToVertex: PairTranslator = {
  from: 'anthropic-messages',
  to: 'vertex-anthropic',
  request: anthropicRequestToVertex,
  // the response body is the Anthropic `Message` itself
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
