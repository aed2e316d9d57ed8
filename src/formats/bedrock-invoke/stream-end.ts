/**
 * InvokeModel streams carry Anthropic's events in `chunk` frames, and an exception frame decodes to an
 * Anthropic `error` event (docs/wire-formats.md#bedrock-invoke): they end by Anthropic's rule.
 */
export { anthropicStreamEnd as bedrockInvokeStreamEnd } from '../anthropic-messages/stream-end.js';
