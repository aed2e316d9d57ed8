/**
 * Which generated zod schema validates what, per wire format. Add a format by adding one entry (and its schemas to
 * `COMPILED_SCHEMAS`). The schemas come from `generated/<format>/zod.gen.ts` (`npm run generate`), never written by
 * hand; `npm run generate` also compiles every schema in `COMPILED_SCHEMAS` into a plain predicate in
 * `generated/validators.gen.ts` (scripts/generate-validators.ts), the validators' fast path.
 */
import * as z from 'zod';
import { zMessage, zMessageCreateParams, zMessageStreamEvent } from '../../generated/anthropic-messages/zod.gen.js';
import { zConverseRequest, zConverseResponse, zConverseStreamEvent } from '../../generated/bedrock-converse/zod.gen.js';
import {
  zStreamChunk as zGeminiStreamChunk,
  zGenerateContentRequest,
  zGenerateContentResponse,
} from '../../generated/gemini/zod.gen.js';
import {
  zCreateChatCompletionRequest,
  zCreateChatCompletionResponse,
  zCreateChatCompletionStreamResponse,
  zErrorResponse as zOpenAIErrorResponse,
} from '../../generated/openai-chat/zod.gen.js';
import {
  zCreateResponseRequest,
  zResponseObject,
  zResponseStreamEvent,
} from '../../generated/openai-responses/zod.gen.js';
import type { WireFormatId } from '../core/formats.js';

export interface FormatSchemas {
  /** The request body a client sends. */
  request: z.ZodType;
  /** A successful (non-stream) response body. */
  response: z.ZodType;
  /** One parsed stream event; a function when the event's shape picks the schema. */
  streamEvent: z.ZodType | ((event: unknown) => z.ZodType);
}

const zOpenAIDone = z.literal('[DONE]');

function isObjectWithKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);
}

/** Bedrock InvokeModel / Vertex rawPredict bodies for Claude: the Messages body with the model in the URL. */
const zInvokeBodyFields = { anthropic_version: z.string(), anthropic_beta: z.array(z.string()).optional() };
const zBedrockInvokeRequest = zMessageCreateParams.omit({ model: true, stream: true }).extend(zInvokeBodyFields);
const zVertexAnthropicRequest = zMessageCreateParams.omit({ model: true }).extend(zInvokeBodyFields);

/**
 * Every schema `FORMAT_SCHEMAS` hands out, by name. `npm run generate` compiles each into `VALIDATORS[name]` in
 * `generated/validators.gen.ts`: run it after changing this list.
 */
export const COMPILED_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  zMessageCreateParams,
  zMessage,
  zMessageStreamEvent,
  zBedrockInvokeRequest,
  zVertexAnthropicRequest,
  zCreateChatCompletionRequest,
  zCreateChatCompletionResponse,
  zCreateChatCompletionStreamResponse,
  zOpenAIErrorResponse,
  zOpenAIDone,
  zConverseRequest,
  zConverseResponse,
  zConverseStreamEvent,
  zGenerateContentRequest,
  zGenerateContentResponse,
  zGeminiStreamChunk,
  zCreateResponseRequest,
  zResponseObject,
  zResponseStreamEvent,
};

export const FORMAT_SCHEMAS: Partial<Record<WireFormatId, FormatSchemas>> = {
  'anthropic-messages': {
    request: zMessageCreateParams,
    response: zMessage,
    streamEvent: zMessageStreamEvent,
  },
  'openai-chat': {
    request: zCreateChatCompletionRequest,
    response: zCreateChatCompletionResponse,
    // A chunk, an in-stream `{error}` object, or the `[DONE]` terminator.
    streamEvent: (event) =>
      typeof event === 'string'
        ? zOpenAIDone
        : isObjectWithKey(event, 'error')
          ? zOpenAIErrorResponse
          : zCreateChatCompletionStreamResponse,
  },
  'bedrock-invoke': { request: zBedrockInvokeRequest, response: zMessage, streamEvent: zMessageStreamEvent },
  'vertex-anthropic': { request: zVertexAnthropicRequest, response: zMessage, streamEvent: zMessageStreamEvent },
  'bedrock-converse': { request: zConverseRequest, response: zConverseResponse, streamEvent: zConverseStreamEvent },
  gemini: {
    request: zGenerateContentRequest,
    response: zGenerateContentResponse,
    // A `GenerateContentResponse` chunk or an in-stream `{error}` (google.rpc.Status).
    streamEvent: zGeminiStreamChunk,
  },
  // Every event, `error` included, is one member of the `ResponseStreamEvent` discriminated union.
  'openai-responses': { request: zCreateResponseRequest, response: zResponseObject, streamEvent: zResponseStreamEvent },
};
