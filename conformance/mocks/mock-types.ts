import type { FormatId } from '../../src/core/formats.js';

/**
 * Shared types of the strict mock providers. A mock is a web-standard handler (`Request` in, `Response` out) with
 * a record of the requests it received and a queue of faults to inject.
 */

/** Any web-standard request handler: a mock, or anything else served by `serveOnLoopback` / `toMswHandlers`. */
export type MockHandler = (request: Request) => Promise<Response>;

/**
 * A fault the mock injects instead of (or into) its normal answer. `afterEvents` counts SSE messages as sent
 * (pings and `[DONE]` included). On a non-streaming request: `stream-error` answers with an HTTP error,
 * `truncate` and `malformed-sse` send half of the JSON body, `stall` delays the answer, `reset` drops the
 * connection.
 */
export type Fault =
  /** answer with this HTTP status; `body` defaults to the provider's own error body */
  | { kind: 'http-error'; status: number; message?: string; body?: unknown; headers?: Record<string, string> }
  /** after N events, the provider's mid-stream error event (status picks its type), then the end */
  | { kind: 'stream-error'; afterEvents: number; status?: number; message?: string }
  /** after N events, end the stream cleanly at the byte level but without a terminal event */
  | { kind: 'truncate'; afterEvents: number }
  /** after N events, send nothing for `ms` (default: until the client gives up), then go on */
  | { kind: 'stall'; afterEvents: number; ms?: number }
  /** after N events, a message whose data is not valid JSON, then the end */
  | { kind: 'malformed-sse'; afterEvents: number }
  /** after N events, drop the connection (N = 0: a network error before any response) */
  | { kind: 'reset'; afterEvents: number };

/** One request as the mock received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** URL path, e.g. `/v1/messages` */
  path: string;
  /** lower-case header names */
  headers: Record<string, string>;
  /** the parsed JSON body; undefined when the body was not JSON (or too large) */
  body: unknown;
  bodyBytes: number;
  /** the status the mock answered with (0: connection reset) */
  status: number;
  /** the fault injected into the answer, if any */
  fault: Fault | undefined;
}

/** A request the provider would reject: status (default 400), the provider's error type, the JSON path, a message. */
export interface RuleViolation {
  path: string;
  message: string;
  status?: number;
  type?: string;
  /** OpenAI formats: the error's `param` when it is not `path` (null: the API names none) */
  param?: string | null;
  /** OpenAI formats: the error's `code` (e.g. `unknown_parameter`) */
  code?: string;
  /** Gemini: the `google.rpc.BadRequest` field violations the error lists */
  fieldViolations?: ReadonlyArray<{ field?: string; description: string }>;
}

/** The spec validator the mocks use (`validateRequest` of `src/validate`). */
export type RequestValidator = (
  format: FormatId,
  body: unknown,
) => { ok: boolean; errors: ReadonlyArray<{ path: string; message: string }> };

/** A request as an endpoint sees it: the parsed JSON object body, headers, URL. */
export interface EndpointRequest {
  body: Record<string, unknown>;
  headers: Headers;
  url: URL;
}

/** An answer to a valid request: a JSON body, or the stream's events (objects, or strings such as `'[DONE]'`). */
export type MockReply = { json: unknown } | { events: readonly unknown[] };

export interface MockOptions {
  /** the API key the mock expects; undefined: any non-empty key */
  apiKey?: string;
  /** the mock's clock in ms since the epoch (Bedrock checks a SigV4 signature's date against it); default `Date.now` */
  now?: () => number;
  /** characters (code points) per text / arguments delta in streams; default 16; 0: one delta per block */
  chunkSize?: number;
  /** body size limit in bytes (413 above); default 32 MB */
  maxBodyBytes?: number;
  /** a fault injected into every answer (after the ones queued with `injectFault`) */
  fault?: Fault;
  /** the spec validator; default `validateRequest` from `src/validate` */
  validate?: RequestValidator;
  /** OpenAI `created`; default 1700000000 */
  created?: number;
  /** Anthropic: send a `ping` after `message_start`; default true */
  pings?: boolean;
  /**
   * answers valid requests instead of the scripted model (e.g. replaying a fixture's upstream response);
   * return undefined to let the scripted model answer. Faults still apply to what it returns.
   */
  respond?: (request: EndpointRequest) => MockReply | undefined;
}

/** A mock provider: a handler that also records requests and injects faults. */
export interface MockProvider extends MockHandler {
  /** every request received, in order (also rejected ones) */
  readonly requests: RecordedRequest[];
  /** inject `fault` into the next `times` answers (default 1), after the faults already queued */
  injectFault(fault: Fault, times?: number): void;
  /** forget recorded requests and queued faults */
  reset(): void;
}
