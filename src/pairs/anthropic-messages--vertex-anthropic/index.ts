import { sameMessage } from '../../formats/anthropic-messages/same-message.js';
import type { PairTranslator } from '../pair.js';
import { vertexErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToVertex } from './error-to-vertex.js';
import { vertexRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToVertex } from './request-to-vertex.js';
import { createVertexToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToVertexStream } from './stream-to-vertex.js';

export { vertexErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToVertex } from './error-to-vertex.js';
export { vertexRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToVertex, type VertexAnthropicRequestContext } from './request-to-vertex.js';
export { createVertexToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToVertexStream } from './stream-to-vertex.js';

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
