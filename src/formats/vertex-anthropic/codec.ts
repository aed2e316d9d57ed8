import { anthropicCodec } from '../anthropic-messages/codec.js';
import type { FormatCodec } from '../codec.js';
import { vertexAnthropicStreamEnd } from './stream-end.js';

/**
 * Vertex AI `streamRawPredict` for Claude streams exactly Anthropic's SSE (docs/wire-formats.md#vertex-claude), and its
 * model errors are Anthropic error bodies: the codec is Anthropic's under its own id.
 */
export const vertexAnthropicCodec: FormatCodec = {
  ...(anthropicCodec as FormatCodec),
  id: 'vertex-anthropic',
  streamEnd: vertexAnthropicStreamEnd,
};
