import { isRecord } from '../../core/narrow.js';
import { FinishedIndexes, type StreamEnd, type StreamEndRule, seeIndexed, trackState } from '../stream-end.js';

/**
 * How a Gemini stream ends (docs/wire-formats.md#gemini-stream). Gemini has no terminator: the stream may end once every
 * candidate has carried its `finishReason` (`complete`; a last chunk with `usageMetadata` may still follow),
 * or after a `promptFeedback.blockReason` (the prompt was refused). An `error` chunk is its failure.
 */
export const geminiStreamEnd: StreamEndRule = {
  terminal: 'a finishReason',
  track(): StreamEnd {
    const candidates = new FinishedIndexes();
    return trackState((state, event) => {
      if (state === 'failed' || !isRecord(event)) return state;
      if (event.error !== undefined) return 'failed';
      if (isRecord(event.promptFeedback) && event.promptFeedback.blockReason !== undefined) return 'complete';
      seeIndexed(candidates, event.candidates, (c) => typeof c.finishReason === 'string');
      return candidates.allFinished ? 'complete' : state;
    });
  },
};
