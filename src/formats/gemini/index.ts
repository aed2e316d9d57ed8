export { createGeminiDecodeStream, createGeminiEncodeStream, encodeGeminiEvent, geminiCodec, type GeminiStreamEvent } from './codec.js';
export { convertGeminiSchemaToJsonSchema } from './convert-gemini-schema-to-json-schema.js';
export { convertJsonSchemaToGemini } from './convert-json-schema-to-gemini.js';
export { geminiErrorBody, geminiHttpStatus, geminiStatusName } from './errors.js';
export { geminiTarget, parseGeminiPath } from './target.js';
export type * from './types.js';
