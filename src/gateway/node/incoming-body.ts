import type { IncomingMessage } from 'node:http';

/**
 * A node `IncomingMessage` body (a server's request, or a client's response) as a web byte stream read on
 * demand: each read takes everything that arrived since the last one (a busy gateway handles fewer, larger
 * chunks instead of falling behind on many small ones), and nothing is read ahead, so backpressure reaches the
 * sender's socket. A message that closes before its body is complete errors the stream with `incomplete()`.
 * `cancel` runs when the reader cancels (after the stream stopped listening).
 */
export function incomingBody(
  msg: IncomingMessage,
  opts: { incomplete: () => Error; cancel: () => void },
): ReadableStream<Uint8Array> {
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onError = (e: unknown) => {
    failure ??= e;
    notify();
  };
  const onClose = () => {
    if (!msg.complete) failure ??= opts.incomplete();
    notify();
  };
  msg.on('readable', notify);
  msg.once('end', notify);
  msg.on('error', onError);
  msg.once('close', onClose);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const chunk: Buffer | null = msg.read();
          if (chunk !== null) {
            controller.enqueue(chunk);
            return;
          }
          if (failure !== undefined) {
            controller.error(failure);
            return;
          }
          if (msg.readableEnded) {
            controller.close();
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      },
      cancel() {
        msg.off('readable', notify);
        msg.off('end', notify);
        msg.off('close', onClose);
        // an error after this must not go unhandled
        opts.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}
