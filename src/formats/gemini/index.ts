export {
  createGeminiDecodeStream,
  createGeminiEncodeStream,
  encodeGeminiEvent,
  type GeminiStreamEvent,
  geminiCodec,
} from './codec.js';
export { convertGeminiSchemaToJsonSchema } from './convert-gemini-schema-to-json-schema.js';
export { convertJsonSchemaToGemini } from './convert-json-schema-to-gemini.js';
export { geminiErrorBody, geminiHttpStatus, geminiStatusName } from './errors.js';
export { geminiTarget, parseGeminiPath } from './target.js';
export type * from './types.js';
