import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { encodeConverseEvent } from '../../src/formats/bedrock-converse/codec.js';
import { encodeBedrockInvokeEvent } from '../../src/formats/bedrock-invoke/codec.js';
import { getCodec } from '../../src/translate/translate.js';
import { concatBytes } from '../../src/wire/bytes.js';

/**
 * Binary (AWS event-stream) streams in scenario folders are written as JSON: `*-stream.frames.json` holds
 * the events as the format's codec represents them, one per frame. Two markers write broken streams:
 * `{"$truncated": <event>}` is that event's frame cut in half (a stream that ends mid-frame), and
 * `{"$corrupt": <event>}` is that event's frame with one payload byte flipped (its CRC no longer matches).
 */

const ENCODERS: Partial<Record<FormatId, (event: unknown) => Uint8Array>> = {
  'bedrock-converse': encodeConverseEvent,
  'bedrock-invoke': encodeBedrockInvokeEvent,
};

/** Formats whose streams are binary frames (written as `.frames.json`) rather than SSE text. */
export function hasBinaryFrames(format: FormatId): boolean {
  return ENCODERS[format] !== undefined;
}

/** The wire bytes of `events` in `format`'s framing. Throws on a format without binary frames or an event the codec refuses. */
export function encodeFrames(format: FormatId, events: readonly unknown[]): Uint8Array {
  const encode = ENCODERS[format];
  if (!encode) throw new Error(`${format} streams are SSE text: write them as .sse, not .frames.json`);
  const frames = events.map((e, i) => {
    if (isRecord(e) && '$truncated' in e) {
      if (i !== events.length - 1) throw new Error(`frame ${i}: only the last frame can be $truncated`);
      const whole = encode(e.$truncated);
      return whole.slice(0, Math.floor(whole.length / 2));
    }
    if (isRecord(e) && '$corrupt' in e) {
      const whole = encode(e.$corrupt).slice();
      // the byte before the 4-byte message CRC is payload: flip it
      const at = whole.length - 5;
      whole[at] = (whole[at] ?? 0) ^ 0xff;
      return whole;
    }
    return encode(e);
  });
  return concatBytes(frames);
}

/** The events `bytes` decode to with `format`'s codec; a framing error (bad CRC, cut frame) ends the list with `{ $error }`. */
export async function decodeFrames(format: FormatId, bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = source.pipeThrough(getCodec(format).decodeStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push(value);
    }
  } catch (e) {
    out.push({ $error: e instanceof Error ? e.message : String(e) });
  }
  return out;
}
