/** Vertex `streamRawPredict` streams Anthropic's events (docs/wire-formats.md#vertex-claude): they end by Anthropic's rule. */
export { anthropicStreamEnd as vertexAnthropicStreamEnd } from '../anthropic-messages/stream-end.js';
