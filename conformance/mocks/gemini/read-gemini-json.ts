import { zGenerateContentRequest } from '../../../generated/gemini/zod.gen.js';
import { isRecord } from '../../../src/core/narrow.js';
import { protoJsonReading } from '../../meaning/schema-tidy.js';

/**
 * A `generateContent` body as Google's proto3 JSON parser reads it, before any rule applies
 * (docs/wire-formats.md#gemini): the snake_case proto names (`system_instruction`, `inline_data`, `mime_type`) are
 * the lowerCamelCase fields, and enum values are read in any letter case — a schema `type` of `"object"` is `OBJECT`,
 * `thinkingLevel: "low"` is `LOW`, as Google's own REST examples write them. Names and values the API does not know
 * stay as they are, so the spec and the rules still reject them.
 */
export function readGeminiJson<T>(body: T): T {
  return (isRecord(body) ? protoJsonReading(zGenerateContentRequest, body) : body) as T;
}
