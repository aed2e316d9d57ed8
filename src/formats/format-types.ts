/**
 * The wire types of every format, by format id, from the generated spec types (`generated/<format>/types.gen.ts`):
 * what `translateRequest` & co. take and give, and what `crosswire/validate` narrows to.
 */
import type * as Anthropic from '../../generated/anthropic-messages/types.gen.js';
import type * as Converse from '../../generated/bedrock-converse/types.gen.js';
import type * as Gemini from '../../generated/gemini/types.gen.js';
import type * as OpenAIChat from '../../generated/openai-chat/types.gen.js';
import type * as Responses from '../../generated/openai-responses/types.gen.js';
import type { FormatId } from '../core/formats.js';

/** The body fields Bedrock InvokeModel and Vertex rawPredict add to a Messages body (the model is in the URL). */
export interface AnthropicBodyVersion {
  /** `bedrock-2023-05-31` on Bedrock, `vertex-2023-10-16` on Vertex */
  anthropic_version: string;
  anthropic_beta?: string[];
}

/** A Bedrock InvokeModel request for Claude: a Messages body without `model` and `stream` (the URL decides both). */
export type BedrockInvokeRequest = Omit<Anthropic.MessageCreateParams, 'model' | 'stream'> & AnthropicBodyVersion;

/** A Vertex rawPredict request for Claude: a Messages body without `model` (the URL names it). */
export type VertexAnthropicRequest = Omit<Anthropic.MessageCreateParams, 'model'> & AnthropicBodyVersion;

/** The OpenAI Chat stream terminator, `data: [DONE]`, as a parsed event. */
export type OpenAIDone = '[DONE]';

/** One parsed OpenAI Chat stream event: a chunk, an in-stream error, or the terminator. */
export type OpenAIChatStreamEvent =
  | OpenAIChat.CreateChatCompletionStreamResponse
  | OpenAIChat.ErrorResponse
  | OpenAIDone;

/** What one format's messages look like, by kind. */
export interface WireTypes {
  /** the request body a client sends */
  request: unknown;
  /** a successful non-stream response body */
  response: unknown;
  /** one parsed stream event */
  streamEvent: unknown;
  /** an HTTP error body */
  errorBody: unknown;
}

/** The wire types of every format crosswire translates, by format id. */
export interface FormatTypes {
  'anthropic-messages': {
    request: Anthropic.MessageCreateParams;
    response: Anthropic.Message;
    streamEvent: Anthropic.MessageStreamEvent;
    errorBody: Anthropic.ErrorResponse;
  };
  'openai-chat': {
    request: OpenAIChat.CreateChatCompletionRequest;
    response: OpenAIChat.CreateChatCompletionResponse;
    streamEvent: OpenAIChatStreamEvent;
    errorBody: OpenAIChat.ErrorResponse;
  };
  gemini: {
    request: Gemini.GenerateContentRequest;
    response: Gemini.GenerateContentResponse;
    streamEvent: Gemini.StreamChunk;
    errorBody: Gemini.ErrorResponse;
  };
  'bedrock-converse': {
    request: Converse.ConverseRequest;
    response: Converse.ConverseResponse;
    streamEvent: Converse.ConverseStreamEvent;
    errorBody: Converse.ErrorResponse;
  };
  'bedrock-invoke': {
    request: BedrockInvokeRequest;
    response: Anthropic.Message;
    streamEvent: Anthropic.MessageStreamEvent;
    /** Bedrock's `{ "message" }` (the exception name is in the `x-amzn-ErrorType` header) */
    errorBody: Converse.ErrorResponse;
  };
  'vertex-anthropic': {
    request: VertexAnthropicRequest;
    response: Anthropic.Message;
    streamEvent: Anthropic.MessageStreamEvent;
    errorBody: Anthropic.ErrorResponse;
  };
  'openai-responses': {
    request: Responses.CreateResponseRequest;
    response: Responses.ResponseObject;
    /** one named SSE event (`response.created` … `response.completed`, or `error`) */
    streamEvent: Responses.ResponseStreamEvent;
    errorBody: Responses.ErrorResponse;
  };
}

/**
 * `T` when format `F` is known at compile time; `unknown` when it is any of `All` (a value chosen at run time): then
 * nothing can be said about the body's type.
 */
export type Known<All, F extends All, T> = [All] extends [F] ? unknown : T;

/** The request body of format `F` (`unknown` for a `FormatId` known only at run time). */
export type RequestOf<F extends FormatId> = Known<FormatId, F, FormatTypes[F]['request']>;
/** The non-stream response body of format `F`. */
export type ResponseOf<F extends FormatId> = Known<FormatId, F, FormatTypes[F]['response']>;
/** One parsed stream event of format `F`. */
export type StreamEventOf<F extends FormatId> = Known<FormatId, F, FormatTypes[F]['streamEvent']>;
/** The HTTP error body of format `F`. */
export type ErrorBodyOf<F extends FormatId> = Known<FormatId, F, FormatTypes[F]['errorBody']>;

/** Compile-time check: `FormatTypes` has an entry for every format id, and only those, each with every kind. */
type Exactly<T extends U, U> = T;
export type FormatTypesCoverage = [
  Exactly<keyof FormatTypes, FormatId>,
  Exactly<FormatId, keyof FormatTypes>,
  Exactly<FormatTypes[FormatId], WireTypes>,
];
