// Stand-in (consumer-test fixture): per-format types for the formats the stand-in speaks.
export type FormatId = 'anthropic-messages' | 'openai-chat' | 'gemini';
export declare const FORMATS: readonly FormatId[];

type Text = string | Array<{ type: 'text'; text: string }>;

export interface ChatRequest {
  model: string;
  messages: Array<{ role: 'system' | 'developer' | 'user' | 'assistant'; content: Text }>;
  max_completion_tokens?: number;
  max_tokens?: number;
}
export interface ChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; refusal: string | null };
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
    logprobs: null;
  }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  system?: Text;
  messages: Array<{ role: 'user' | 'assistant'; content: Text }>;
}
export interface MessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<{ type: 'text'; text: string }>;
  stop_reason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | null;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number };
}
export interface GeminiRequest {
  contents: Array<{ role?: 'user' | 'model'; parts: Array<{ text: string }> }>;
  systemInstruction?: { parts: Array<{ text: string }> };
  generationConfig?: { maxOutputTokens?: number };
}
export interface GeminiResponse {
  candidates?: Array<{ content?: { role?: 'model'; parts: Array<{ text: string }> } }>;
}

export interface RequestBody {
  'anthropic-messages': MessagesRequest;
  'openai-chat': ChatRequest;
  gemini: GeminiRequest;
}
export interface ResponseBody {
  'anthropic-messages': MessagesResponse;
  'openai-chat': ChatResponse;
  gemini: GeminiResponse;
}
export interface Loss {
  path: string;
  reason: string;
}
export interface TranslationResult<T> {
  body: T;
  losses: Loss[];
}

export declare function translateRequest<F extends FormatId, T extends FormatId>(
  from: F,
  to: T,
  body: RequestBody[F],
): TranslationResult<RequestBody[T]>;
export declare function translateResponse<F extends FormatId, T extends FormatId>(
  from: F,
  to: T,
  body: ResponseBody[F],
): TranslationResult<ResponseBody[T]>;
export declare function translateStream(
  from: FormatId,
  to: FormatId,
  bytes: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array>;

export declare class TranslationError extends Error {}
export interface StreamTranslator<In, Out> {
  push(event: In): Out[];
  end(): Out[];
  readonly losses: Loss[];
}
export declare function createStreamTranslator(from: FormatId, to: FormatId): StreamTranslator<unknown, unknown>;
