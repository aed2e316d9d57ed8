import type { Fault } from './mock-types.js';

const MODEL_FAULT = /^mock-(error|stream-error|truncate|stall|malformed|reset)(?:-(\d+))?$/;

/**
 * Faults selected by the model name (after an optional `@provider/` prefix):
 *
 * | model | fault |
 * |---|---|
 * | `mock-error-<status>` | HTTP error with that status in the provider's shape (`mock-error`: 500) |
 * | `mock-stream-error-<n>` | mid-stream error event after n events (default 3) |
 * | `mock-truncate-<n>` | stream cut after n events, no terminal event (default 3) |
 * | `mock-stall-<n>` | stream stalls after n events until the client gives up (default 3) |
 * | `mock-malformed-<n>` | invalid JSON in the SSE message after n events (default 3) |
 * | `mock-reset-<n>` | connection dropped after n events (default 0: before any response) |
 */
export function faultFromModel(model: unknown): Fault | undefined {
  if (typeof model !== 'string') return undefined;
  const slash = model.lastIndexOf('/');
  const match = MODEL_FAULT.exec(slash >= 0 ? model.slice(slash + 1) : model);
  if (!match) return undefined;
  const n = match[2] === undefined ? undefined : Number(match[2]);
  switch (match[1]) {
    case 'error':
      return { kind: 'http-error', status: n ?? 500 };
    case 'stream-error':
      return { kind: 'stream-error', afterEvents: n ?? 3 };
    case 'truncate':
      return { kind: 'truncate', afterEvents: n ?? 3 };
    case 'stall':
      return { kind: 'stall', afterEvents: n ?? 3 };
    case 'malformed':
      return { kind: 'malformed-sse', afterEvents: n ?? 3 };
    default:
      return { kind: 'reset', afterEvents: n ?? 0 };
  }
}
