import { isRecord } from '../../core/narrow.js';
import { FinishedIndexes, isFinal, type StreamEnd, type StreamEndRule, seeIndexed, trackState } from '../stream-end.js';
import { isOpenAIErrorEvent, OPENAI_DONE } from './events.js';

/**
 * How an OpenAI Chat Completions stream ends (docs/wire-formats.md#openai-chat-stream). `data: [DONE]` is the end (`done`); an error
 * chunk is the stream's failure (`failed`).
 *
 * Without `[DONE]` a stream is still complete once every choice it carried has delivered its `finish_reason`,
 * and, when the client asked for usage (`stream_options.include_usage`), the usage chunk has come: the
 * official SDK accepts such a stream (it needs a finish reason per choice, not the terminator), and some
 * OpenAI-compatible providers never send `[DONE]`. The library and the gateway both end such a stream
 * cleanly; neither adds a `[DONE]` the upstream did not send.
 */
export const openaiStreamEnd: StreamEndRule = {
  terminal: 'data: [DONE]',
  track(options = {}): StreamEnd {
    const choices = new FinishedIndexes();
    let usage = false;
    return trackState((state, event) => {
      if (isFinal(state)) return state;
      if (event === OPENAI_DONE) return 'done';
      if (isOpenAIErrorEvent(event)) return 'failed';
      if (!isRecord(event)) return state;
      seeIndexed(choices, event.choices, (c) => typeof c.finish_reason === 'string');
      if (isRecord(event.usage)) usage = true;
      return choices.allFinished && (usage || !options.includeUsage) ? 'complete' : state;
    });
  },
};

/** A Chat Completions request asks for the usage chunk in its stream (`stream_options.include_usage: true`). */
export function asksForStreamUsage(body: unknown): boolean {
  return isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true;
}
