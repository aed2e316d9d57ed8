import type { FormatId } from '../core/formats.js';
import type { StreamTranslator } from '../core/options.js';
import type { FormatCodec } from '../formats/codec.js';
import { getCodec } from '../formats/codecs.js';
import { mayEnd, type StreamEndOptions } from '../formats/stream-end.js';

/**
 * Could a stream of `format` end cleanly right after this one event (its terminal or error event, or an event
 * that completes it, by the format's own `streamEnd` rule)?
 */
export function endsStreamOf(format: FormatId, event: unknown): boolean {
  const rule = getCodec(format).streamEnd;
  return rule !== undefined && mayEnd(rule.track().see(event));
}

/**
 * The stream translator between a format and itself: events pass through unchanged, and a stream that
 * ends before its end (the format's `streamEnd` rule) gets the format's error event, so a cut upstream never
 * reaches the client as a clean end.
 */
export function createSameFormatStream(
  format: FormatId,
  codec: FormatCodec = getCodec(format),
  options: StreamEndOptions = {},
): StreamTranslator<unknown, unknown> {
  const end = codec.streamEnd?.track(options);
  return {
    push(event) {
      end?.see(event);
      return [event];
    },
    end() {
      return !end || mayEnd(end.state) ? [] : [codec.streamError(502, 'upstream stream ended before its end')];
    },
    losses: [],
  };
}
