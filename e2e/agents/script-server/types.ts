import type { AgentFormat, ScriptPlan, ToolCallChoice } from './plan.js';

/** One request the server received, as it arrived (body parsed when it is JSON), and what it answered. */
export interface Exchange {
  readonly seq: number;
  /** milliseconds since the server started */
  readonly atMs: number;
  readonly method: string;
  /** path and query */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** what the server took the request for: `turn-1`, `turn-2`, `turn-2-again`, `side:<what>` or `unknown` */
  readonly kind: string;
  readonly reply: { readonly status: number; readonly contentType: string; readonly body: string };
}

/** A check the server made on what the client sent (replayed signatures, tool-call pairing, ...). */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What the script has done so far in one run; shared by the run's requests. */
export interface ScriptState {
  turn1?: { readonly tool: ToolCallChoice; readonly thinkingSent: string };
  /** the tool result as the client sent it back (text) */
  toolResult?: string;
  finalText?: string;
  readonly checks: Check[];
}

/** A request handed to a format handler. */
export interface IncomingRequest {
  /** 1 for the first request the server received, and so on */
  readonly seq: number;
  readonly method: string;
  /** path without the query */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  /** parsed JSON body, or undefined when there is none or it does not parse */
  readonly json: unknown;
}

/** A handler's answer: a JSON body or a list of SSE events, sent one write each. */
export type Reply =
  | { readonly kind: string; readonly status: number; readonly json: unknown }
  | { readonly kind: string; readonly status: 200; readonly sse: readonly string[] };

export interface FormatHandler {
  readonly format: AgentFormat;
  handle(req: IncomingRequest, plan: ScriptPlan, state: ScriptState): Reply;
}
