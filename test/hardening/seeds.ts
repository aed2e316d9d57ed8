/**
 * Valid documents of every format, read from the scenario fixtures, as seeds for the mutation fuzzers:
 * requests (client side of `<client>--<upstream>`), responses and stream bytes (upstream side: `upstream-stream.sse`,
 * or the frames of `upstream-stream.frames.json` encoded).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrames } from '../../conformance/scenarios/stream-frames.js';
import { FORMATS, type FormatId, isFormatId } from '../../src/core/formats.js';

const ROOT = new URL('../../fixtures/', import.meta.url).pathname;

export interface Seeds {
  requests: Map<FormatId, unknown[]>;
  responses: Map<FormatId, unknown[]>;
  streams: Map<FormatId, Uint8Array[]>;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function loadSeeds(): Seeds {
  const seeds: Seeds = { requests: new Map(), responses: new Map(), streams: new Map() };
  for (const f of FORMATS) {
    seeds.requests.set(f, []);
    seeds.responses.set(f, []);
    seeds.streams.set(f, []);
  }
  for (const pair of readdirSync(ROOT)) {
    const [client, upstream] = pair.split('--');
    if (!isFormatId(client) || !isFormatId(upstream)) continue;
    for (const scenario of readdirSync(join(ROOT, pair))) {
      const dir = join(ROOT, pair, scenario);
      const at = (name: string) => join(dir, name);
      if (existsSync(at('client-request.json'))) seeds.requests.get(client)?.push(readJson(at('client-request.json')));
      if (existsSync(at('upstream-request.json')))
        seeds.requests.get(upstream)?.push(readJson(at('upstream-request.json')));
      if (existsSync(at('upstream-response.json')))
        seeds.responses.get(upstream)?.push(readJson(at('upstream-response.json')));
      if (existsSync(at('client-response.json')))
        seeds.responses.get(client)?.push(readJson(at('client-response.json')));
      if (existsSync(at('upstream-stream.sse')))
        seeds.streams.get(upstream)?.push(readFileSync(at('upstream-stream.sse')));
      // binary (AWS event-stream) streams are written as their events: encoded as the upstream sends them
      if (existsSync(at('upstream-stream.frames.json')))
        seeds.streams
          .get(upstream)
          ?.push(encodeFrames(upstream, readJson(at('upstream-stream.frames.json')) as unknown[]));
    }
  }
  return seeds;
}

/** Every JSON path (as key lists) inside `value`, the root included. */
export function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) pathsOf(value[i], [...prefix, i], out);
  } else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** A copy of `doc` with the value at `path` replaced (or a key `extraKey` added beside it) by `value`. */
export function mutate(doc: unknown, path: (string | number)[], value: unknown, extraKey?: string): unknown {
  if (path.length === 0)
    return extraKey !== undefined && typeof doc === 'object' && doc !== null ? { ...doc, [extraKey]: value } : value;
  const copy: unknown = structuredClone(doc);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path[path.length - 1] as string | number;
  if (extraKey !== undefined) {
    const target = (node as Record<string | number, unknown>)[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      Object.defineProperty(target, extraKey, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
  }
  (node as Record<string | number, unknown>)[last] = value;
  return copy;
}
