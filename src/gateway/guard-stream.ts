import { TranslationError } from '../core/errors.js';

export interface GuardOptions {
  /** error the stream when the source sends nothing for this long while being read (ms) */
  idleMs?: number;
  /** called once when the idle timeout fires (abort the upstream request here) */
  onIdle?: () => void;
  /** instead of erroring, end the stream with these bytes (the client's error event) */
  errorTail?: (error: unknown) => Promise<Uint8Array>;
  /** called when the consumer cancels (client went away) */
  onCancel?: (reason: unknown) => void;
  /** called once when the stream is over: closed, errored or cancelled */
  onDone?: () => void;
  /** looks at each chunk before it is passed on; a throw ends the stream as a source error would (`errorTail`),
   * and the source is cancelled and `onCancel` called */
  inspect?: (chunk: Uint8Array) => void;
}

/** The source sent nothing for the idle time: an upstream failure that stands for HTTP 504 (`TranslationError.status`). */
export class IdleTimeout extends TranslationError {
  constructor(ms: number) {
    super('upstream', `upstream stream sent nothing for ${ms} ms`, { status: 504 });
  }
}

/**
 * Wrap a byte stream: pull-based (a chunk is read from the source only when the consumer asks,
 * so backpressure reaches the upstream socket), with an idle timeout that runs only while
 * waiting on the source, and an optional tail that turns a source error into a final error event.
 */
export function guardStream(source: ReadableStream<Uint8Array>, opts: GuardOptions): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      opts.onDone?.();
    }
  };
  const fail = async (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown): Promise<void> => {
    finish();
    if (opts.errorTail) {
      try {
        controller.enqueue(await opts.errorTail(error));
        controller.close();
        return;
      } catch {
        // fall through: error the stream
      }
    }
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (finished) return;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          const read = reader.read();
          const result = opts.idleMs
            ? await Promise.race([
                read,
                new Promise<never>((_, reject) => {
                  timer = setTimeout(() => reject(new IdleTimeout(opts.idleMs ?? 0)), opts.idleMs);
                }),
              ])
            : await read;
          if (result.done) {
            finish();
            controller.close();
            return;
          }
          try {
            opts.inspect?.(result.value);
          } catch (e) {
            opts.onCancel?.(e);
            reader.cancel(e).catch(() => {});
            throw e;
          }
          controller.enqueue(result.value);
        } catch (e) {
          if (e instanceof IdleTimeout) {
            opts.onIdle?.();
            reader.cancel(e).catch(() => {});
          }
          await fail(controller, e);
        } finally {
          if (timer) clearTimeout(timer);
        }
      },
      async cancel(reason) {
        finish();
        opts.onCancel?.(reason);
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
