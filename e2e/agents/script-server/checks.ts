import { jsonEqual } from './json.js';
import type { Check } from './types.js';

/** A check that a value the client replayed is byte for byte the one the server sent. */
export function sameString(name: string, sent: string, got: string | undefined): Check {
  if (got === undefined) return { name, ok: false, detail: 'missing from the replayed history' };
  if (got === sent) return { name, ok: true, detail: `replayed unchanged (${sent.length} chars)` };
  return { name, ok: false, detail: `sent ${JSON.stringify(sent)}, got back ${JSON.stringify(got)}` };
}

/** A check that replayed tool-call arguments equal the ones sent. */
export function sameArgs(name: string, sent: unknown, got: unknown): Check {
  if (got === undefined) return { name, ok: false, detail: 'missing from the replayed history' };
  return jsonEqual(sent, got)
    ? { name, ok: true, detail: 'replayed unchanged' }
    : { name, ok: false, detail: `sent ${JSON.stringify(sent)}, got back ${JSON.stringify(got)}` };
}

export function present(name: string, found: boolean, what: string): Check {
  return { name, ok: found, detail: found ? `${what} present` : `${what} missing` };
}
