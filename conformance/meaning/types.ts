/** The shape every per-format meaning module shares (see `index.ts`). */

export interface RequestMeaningOptions {
  /** the request went to the format's token count (Anthropic `count_tokens`) */
  endpoint?: 'messages' | 'count_tokens';
}

/** How a stream ended, as a client sees it. */
export type StreamEnd =
  /** the format's clean end (`message_stop`, `[DONE]`, Converse `messageStop`, a Gemini `finishReason`) */
  | 'complete'
  /** the format's error event, and nothing after it that says success */
  | 'error'
  /** an error event, then a clean end: the client may take it for a success */
  | 'error, then a clean end'
  /** neither: the stream stops without its end */
  | 'cut short';

/** A stream as the official SDK rebuilds it: the final message (when it ended cleanly), how it ended, the error. */
export interface StreamMeaning {
  end: StreamEnd;
  /** the error event's meaning (type), when there was one */
  error?: unknown;
  /** the folded message's meaning; compared only for streams that end cleanly */
  message?: unknown;
}

export interface FormatMeaning {
  /** an upstream request as the provider reads it */
  request(body: unknown, options?: RequestMeaningOptions): unknown;
  /** a non-stream answer as the client reads it */
  response(body: unknown): unknown;
  /** a stream's decoded events as the client's SDK rebuilds them */
  stream(events: readonly unknown[]): StreamMeaning;
  /** an error answer as the client's SDK reads it */
  error(status: number, body: unknown): unknown;
}
