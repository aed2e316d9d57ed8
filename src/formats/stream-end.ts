/**
 * How a stream of a format ends: each format owns one rule (`formats/<id>/stream-end.ts`), and the
 * translators' stream glue (`translate/translate-stream.ts`), the same-format path
 * (`translate/same-format-stream.ts`) and the gateway's pass-through watcher all read it.
 */

/** Where a stream stands after the events seen so far. */
export type StreamEndState =
  /** not at its end: if the stream stops now, it was cut short */
  | 'open'
  /** the stream may end cleanly now, but more may follow (Gemini usage after a finishReason, Converse `metadata`) */
  | 'complete'
  /** the format's terminal event (`message_stop`, `[DONE]`): nothing may follow */
  | 'done'
  /** the format's own error event: the stream failed, nothing may follow */
  | 'failed';

/** What the rule needs to know of the exchange. */
export interface StreamEndOptions {
  /** the client asked for usage in the stream (OpenAI `stream_options.include_usage`): it must come before a clean end */
  includeUsage?: boolean;
}

/** Follows one stream: feed every event in order. */
export interface StreamEnd {
  /** the state after `event` (once `done` or `failed`, it stays) */
  see(event: unknown): StreamEndState;
  readonly state: StreamEndState;
}

/** The end rule of one format. */
export interface StreamEndRule {
  /** a tracker for one stream */
  track(options?: StreamEndOptions): StreamEnd;
  /** how the end is named when a stream is cut short (`message_stop`, `data: [DONE]`, …) */
  readonly terminal: string;
}

/** Nothing may follow: the terminal event or the format's error event. */
export function isFinal(state: StreamEndState): boolean {
  return state === 'done' || state === 'failed';
}

/** The stream may stop here without being cut short. */
export function mayEnd(state: StreamEndState): boolean {
  return state !== 'open';
}

/**
 * A rule whose verdict depends on the event alone (`open`: the event changes nothing). `complete` stays until
 * a final event; a final state stays.
 */
export function statelessRule(terminal: string, verdict: (event: unknown) => StreamEndState): StreamEndRule {
  return {
    terminal,
    track() {
      return trackState((state, event) => {
        if (isFinal(state)) return state;
        const v = verdict(event);
        return v !== 'open' ? v : state;
      });
    },
  };
}

/** A tracker whose state after each event is `next(state, event)`, from `open`. */
export function trackState(next: (state: StreamEndState, event: unknown) => StreamEndState): StreamEnd {
  let state: StreamEndState = 'open';
  return {
    see(event) {
      state = next(state, event);
      return state;
    },
    get state() {
      return state;
    },
  };
}

/**
 * Follows the choices (OpenAI) or candidates (Gemini) of a stream by index: all finished once every index seen
 * has carried its finish reason (and there was one). Entries for an index after its finish do not reopen it.
 */
export class FinishedIndexes {
  readonly #open = new Set<number>();
  readonly #finished = new Set<number>();

  /** an entry for `index` arrived; `finished`: it carries the finish reason */
  see(index: number, finished: boolean): void {
    if (finished) {
      this.#open.delete(index);
      this.#finished.add(index);
    } else if (!this.#finished.has(index)) {
      this.#open.add(index);
    }
  }

  get allFinished(): boolean {
    return this.#finished.size > 0 && this.#open.size === 0;
  }
}

/** The entries of a `choices` / `candidates` array: each one's index (its `index` field, else its position) and whether it finished. */
export function seeIndexed(
  indexes: FinishedIndexes,
  list: unknown,
  finished: (entry: Record<string, unknown>) => boolean,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, position) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
    const e = entry as Record<string, unknown>;
    indexes.see(typeof e.index === 'number' ? e.index : position, finished(e));
  });
}
