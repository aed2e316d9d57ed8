import type { Loss } from './losses.js';

export type AnthropicVersion = '2023-06-01' | '2026-10-21';

/**
 * What a request translation learned that the response/stream translation needs on the way
 * back (e.g. tool names rewritten to fit OpenAI's pattern). JSON-serialisable; the gateway
 * passes it from `translateRequest` to `translateResponse` / `createStreamTranslator`.
 */
export interface RequestContext {
  /** target-side tool name -> client-side tool name, for names that had to be rewritten */
  toolNames?: Record<string, string>;
  /** the model name the client asked for */
  clientModel?: string;
  /** whether the client asked for usage in the stream (OpenAI `stream_options.include_usage`) */
  includeUsage?: boolean;
  /** the client's Anthropic API version, when the client speaks Anthropic */
  anthropicVersion?: AnthropicVersion;
  /** whether the client asked for a stream */
  stream?: boolean;
  /**
   * Anthropic beta names of the exchange: from the client's `anthropic-beta` header (a comma-separated
   * string) or a Bedrock/Vertex body's `anthropic_beta` list. Bedrock InvokeModel bodies carry them as
   * `anthropic_beta`; Anthropic and Vertex upstreams get the `anthropic-beta` header.
   */
  anthropicBeta?: string[] | string;
  /** free-form per-pair extras; keys are namespaced by the pair that writes them */
  [key: string]: unknown;
}

/**
 * Everything a pure translator may not invent for itself. Translators read no clock,
 * draw no random numbers and do no I/O: ids, time and the model name come in here.
 */
export interface TranslateOptions {
  /** Turn every loss into a thrown `TranslationError` (kind `loss`). Default false. */
  strict?: boolean;
  /**
   * Strict OpenAI compliance: Chat Completions answers (responses, streams) hold only fields the OpenAI API itself
   * defines, for clients that reject unknown fields. crosswire's extensions (`content_blocks`, `reasoning_content`,
   * a choice's `stop_sequence`, `usage.server_tool_use`) are left out, each omission reported as a loss.
   * Default false. Only the Anthropic -> OpenAI Chat response and stream translations read it.
   */
  strictOpenAI?: boolean;
  /** Id for the produced response/message/chunks. Default: derived deterministically from the input. */
  id?: string;
  /** Unix time in seconds for fields like OpenAI `created`. Default: 0. */
  created?: number;
  /**
   * Model name to write into the output. Default: the model named in the input. Formats whose request body names
   * no model (Gemini, Bedrock, Vertex: the model is in the URL) take it from here.
   */
  model?: string;
  /**
   * Request translation from a format whose URL says whether to stream (Gemini `streamGenerateContent`, Bedrock
   * `converse-stream` / `invoke-with-response-stream`, Vertex `streamRawPredict`): whether the client called the
   * streaming method. Input only; the request translation reports what it decided in `context.stream`.
   */
  stream?: boolean;
  /** The Anthropic API version the Anthropic side speaks. Default `2023-06-01`. */
  anthropicVersion?: AnthropicVersion;
  /** Context returned by the request translation of the same exchange. */
  context?: RequestContext;
}

export interface TranslationResult<T> {
  body: T;
  losses: Loss[];
  /** Hand this to the response / stream translation of the same exchange. */
  context: RequestContext;
}

/** A stream translator: parsed events in, parsed events out. One per stream; never shared. */
export interface StreamTranslator<In, Out> {
  push(event: In): Out[];
  /** The upstream ended. Emits what is still owed, or an error event if the stream was cut short. */
  end(): Out[];
  /**
   * The stream failed outside the translator (bytes that do not decode, an upstream that broke off, a translator
   * error): the client's error events, numbered and shaped as the rest of the stream. Optional: without it the
   * stream glue sends the client codec's `streamError` event (enough for formats whose events carry no sequence).
   * Returns nothing once the stream is over.
   */
  fail?(status: number, message: string): Out[];
  /** Losses observed so far. */
  readonly losses: readonly Loss[];
}
