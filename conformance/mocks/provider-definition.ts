import type { EndpointRequest, MockOptions, MockReply, RequestValidator, RuleViolation } from './mock-types.js';

export type { EndpointRequest, MockReply } from './mock-types.js';

/**
 * What one provider mock supplies. `createMockProvider` does everything shared: the body size limit, recording,
 * routing, JSON parsing, fault injection, and turning an answer into a JSON response or a stream.
 * To add a provider, write one of these (see docs/conformance-mocks.md).
 */
export interface ProviderDefinition {
  /** the provider's own HTTP error body (`violation` carries the path and error type when there is one) */
  errorBody(status: number, message: string, violation?: RuleViolation): unknown;
  /** headers sent on every response (e.g. a request id) */
  responseHeaders: Record<string, string>;
  /** header rules (auth, API version); checked before the body is parsed */
  checkHeaders(headers: Headers, options: MockOptions): RuleViolation | undefined;
  endpoints: readonly EndpointDefinition[];
  framing: StreamFraming;
}

export interface EndpointDefinition {
  /** true when this endpoint serves `pathname` (match on the path's end, so mocks work under any prefix) */
  matches(pathname: string): boolean;
  /** the model name, for model-selected faults; default `body.model` */
  model?(request: EndpointRequest): unknown;
  /** spec and provider rules; the mock answers the first violation with the provider's error */
  check(request: EndpointRequest, validate: RequestValidator): RuleViolation[];
  /** the answer to a valid request: a JSON body, or the stream's events (objects, or `'[DONE]'`-like strings) */
  answer(request: EndpointRequest, options: MockOptions): MockReply;
}

/** How the provider frames a stream. */
export interface StreamFraming {
  contentType: string;
  /** one event as wire text or bytes (the format's codec) */
  encode(event: unknown): string | Uint8Array;
  /** the provider's mid-stream error event; `sent`: how many events went before it (Responses numbers its events) */
  errorEvent(status: number, message: string, sent: number): unknown;
  /** one message whose data is not valid JSON */
  malformed(): string | Uint8Array;
  /** status of a `stream-error` fault that names none (Anthropic 529 overloaded, OpenAI 500) */
  defaultErrorStatus: number;
}
