import type { Fault } from './mock-types.js';
import type { StreamFraming } from './provider-definition.js';
import { waitForStall } from './wait-for-stall.js';

const encoder = new TextEncoder();

function bytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/**
 * A streaming response: one network chunk per event, pulled by the reader (nothing is sent ahead), with `fault`
 * applied after `fault.afterEvents` events.
 */
export function streamReply(
  events: readonly unknown[],
  framing: StreamFraming,
  fault: Fault | undefined,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Response {
  if (fault?.kind === 'reset' && fault.afterEvents <= 0) return Response.error();
  const faultAt = fault && fault.kind !== 'http-error' ? fault.afterEvents : -1;
  let next = 0;
  let faultDone = false;
  let cancel: () => void = () => undefined;
  const cancelled = new Promise<void>((resolve) => {
    cancel = resolve;
  });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!faultDone && next === faultAt && fault) {
          faultDone = true;
          switch (fault.kind) {
            case 'stream-error': {
              const status = fault.status ?? framing.defaultErrorStatus;
              controller.enqueue(
                bytes(framing.encode(framing.errorEvent(status, fault.message ?? 'Injected mid-stream error', next))),
              );
              controller.close();
              return;
            }
            case 'truncate':
              controller.close();
              return;
            case 'malformed-sse':
              controller.enqueue(bytes(framing.malformed()));
              controller.close();
              return;
            case 'reset':
              controller.error(new Error('connection reset by the mock'));
              return;
            case 'stall':
              await waitForStall(fault.ms, signal, cancelled);
              if (fault.ms === undefined) {
                closeQuietly(controller); // stalled until the client left: nothing more to send
                return;
              }
              break;
          }
        }
        if (next >= events.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes(framing.encode(events[next++])));
      },
      cancel() {
        cancel();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: { 'content-type': framing.contentType, 'cache-control': 'no-cache', ...headers },
  });
}

function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // already cancelled by the reader
  }
}
