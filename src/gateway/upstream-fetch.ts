/** What the gateway hands an upstream client: the subset of `fetch(url, init)` it uses. */
export interface UpstreamInit {
  method: string;
  headers: Headers;
  body: Uint8Array;
  signal: AbortSignal;
}

/** An upstream client; `globalThis.fetch` is one (the web-standard default; Node's is `node/upstream-fetch.ts`). */
export type UpstreamFetch = (url: string, init: UpstreamInit) => Promise<Response>;

const BODIES = new WeakMap<Response, ReadableStream<Uint8Array>>();

/** An upstream client that builds its own `Response` records the body stream it built it with (see `responseBody`). */
export function keepResponseBody(res: Response, body: ReadableStream<Uint8Array>): void {
  BODIES.set(res, body);
}

/**
 * `res.body`. For a response of the node client this is the stream it was built with, read without going through
 * the `Response`'s own body machinery.
 */
export function responseBody(res: Response): ReadableStream<Uint8Array> | null {
  return BODIES.get(res) ?? res.body;
}
