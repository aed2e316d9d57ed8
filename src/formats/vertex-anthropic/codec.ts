import { anthropicCodec } from '../anthropic-messages/codec.js';
import type { FormatCodec } from '../codec.js';
import { vertexAnthropicStreamEnd } from './stream-end.js';

/**
 * Vertex AI `streamRawPredict` for Claude streams exactly Anthropic's SSE (wire-formats §5.4), and its
 * model errors are Anthropic error bodies: the codec is Anthropic's under its own id.
 */
export const vertexAnthropicCodec: FormatCodec = { ...(anthropicCodec as FormatCodec), id: 'vertex-anthropic', streamEnd: vertexAnthropicStreamEnd };
