import { concatBytes } from '../wire/bytes.js';
import type { BodyHold } from './body-budget.js';
import { checkJsonShape, elidePath, jsonShapeMessage } from './json-shape.js';

export type BodyResult =
  | { ok: true; bytes: Uint8Array; json: Record<string, unknown> }
  | {
      ok: false;
      /** 499: the client went away while sending (nobody reads the answer) */
      status: 400 | 408 | 413 | 415 | 499 | 503;
      message: string;
      /** the JSON path at fault (shape faults) */
      param?: string;
    };

export interface BodyRules {
  /** more bytes than this: 413 */
  maxBytes: number;
  /** the whole body must arrive within this time (ms): else 408 */
  timeoutMs: number;
  /** deeper nesting: 400 */
  maxDepth: number;
  /** the gateway's budget of body bytes in flight: no room, 503 */
  hold: BodyHold;
}

/** Strict UTF-8 (a whole-buffer `decode` keeps no state between calls, so one decoder serves every request). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

type Failure = Extract<BodyResult, { ok: false }>;

const busy = (): Failure => ({
  ok: false,
  status: 503,
  message: 'the gateway is receiving too many request bodies at once; retry shortly',
});
const tooLarge = (limit: number): Failure => ({
  ok: false,
  status: 413,
  message: `request body is larger than ${limit} bytes`,
});

/**
 * Read the whole request body as it arrives: at most `maxBytes` (more is refused without reading it all), within
 * `timeoutMs`, holding its bytes in the gateway's budget (the declared `content-length` up front).
 */
async function readLimited(req: Request, rules: BodyRules): Promise<Uint8Array | Failure> {
  const length = req.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (Number.isFinite(declared) && declared > rules.maxBytes) return tooLarge(rules.maxBytes);
  let held = Number.isFinite(declared) && declared > 0 ? declared : 0;
  if (!rules.hold.take(held)) return busy();
  if (Number.isFinite(declared)) return readDeclared(req, rules);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    reader.cancel('request body timeout').catch(() => {});
  }, rules.timeoutMs);
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (expired) return timedOut(rules.timeoutMs);
      if (done) break;
      size += value.byteLength;
      if (size > rules.maxBytes) {
        await reader.cancel('request body too large');
        return tooLarge(rules.maxBytes);
      }
      if (size > held) {
        if (!rules.hold.take(size - held)) {
          await reader.cancel('too many request bodies in flight');
          return busy();
        }
        held = size;
      }
      parts.push(value);
    }
  } catch (e) {
    return unreadable(req, e);
  } finally {
    clearTimeout(timer);
  }
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}

const timedOut = (ms: number): Failure => ({
  ok: false,
  status: 408,
  message: `the request body did not arrive within ${ms} ms`,
});

/** A body read that failed: the client went away (499), or the body is broken (400). */
function unreadable(req: Request, e: unknown): Failure {
  if (req.signal.aborted || (e instanceof Error && e.name === 'AbortError'))
    return { ok: false, status: 499, message: 'the client went away while sending the request body' };
  return {
    ok: false,
    status: 400,
    message: `the request body could not be read: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/**
 * A body of declared length (within the limit, already held): read whole with `arrayBuffer()` (the node adapter
 * reads it straight from the socket, without a web stream), within the body timeout.
 */
async function readDeclared(req: Request, rules: BodyRules): Promise<Uint8Array | Failure> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reading = req.arrayBuffer();
  try {
    const r = await Promise.race([
      reading,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), rules.timeoutMs);
      }),
    ]);
    if (r === 'timeout') {
      // the read ends when the connection does (the response closes it)
      reading.catch(() => {});
      return timedOut(rules.timeoutMs);
    }
    return r.byteLength > rules.maxBytes ? tooLarge(rules.maxBytes) : new Uint8Array(r);
  } catch (e) {
    return unreadable(req, e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Check content type, size, arrival time and JSON syntax of a request body, and its shape: no nesting deeper than
 * `maxDepth`, no key twice in an object (`checkJsonShape`). The body must be a JSON object.
 */
export async function readJsonBody(req: Request, rules: BodyRules): Promise<BodyResult> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    return {
      ok: false,
      status: 415,
      message: `content-type must be application/json, got ${type ? `"${type}"` : 'none'}`,
    };
  }
  const bytes = await readLimited(req, rules);
  if (!(bytes instanceof Uint8Array)) return bytes;
  let text: string;
  let json: unknown;
  try {
    text = UTF8.decode(bytes);
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, status: 400, message: `request body is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, status: 400, message: 'request body must be a JSON object' };
  }
  const fault = checkJsonShape(text, rules.maxDepth);
  if (fault) return { ok: false, status: 400, message: jsonShapeMessage(fault), param: elidePath(fault.path) };
  return { ok: true, bytes, json: json as Record<string, unknown> };
}
