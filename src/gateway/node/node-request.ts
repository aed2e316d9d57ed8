import type { IncomingMessage } from 'node:http';
import { incomingBody } from './incoming-body.js';

/** Members the facade answers itself; every other member of `Request` is read from a real one made on demand. */
const OWN = new Set(['constructor', 'method', 'url', 'headers', 'signal', 'body', 'arrayBuffer']);

function headersOf(raw: readonly string[]): Headers {
  const h = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i] as string, raw[i + 1] as string);
  return h;
}

/**
 * A node request seen as a web `Request` without building one: `method`, `url`, `headers`, `signal` and `body`
 * come straight from the `IncomingMessage` (the body streamed on demand, `incomingBody`); any other member
 * (`text()`, `clone()`, `cache`, …) builds the real `Request` once and answers from it. It is an `instanceof
 * Request`, but not one that undici's own functions accept as input (`new Request(req)`, `fetch(req)`): only for
 * handlers that read it, as the gateway does. Building a `Request` costs about as much as the rest of the adapter
 * (a `ReadableStream`, an `AbortSignal` that follows the given one, header copies).
 */
class NodeRequest {
  readonly #in: IncomingMessage;
  readonly #url: string;
  readonly #signal: AbortSignal;
  readonly #makeBody: () => ReadableStream<Uint8Array> | null;
  readonly #closedBeforeEnd: () => Error;
  #headers: Headers | undefined;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #real: Request | undefined;

  constructor(
    incoming: IncomingMessage,
    url: string,
    signal: AbortSignal,
    makeBody: () => ReadableStream<Uint8Array> | null,
    closedBeforeEnd: () => Error,
  ) {
    this.#closedBeforeEnd = closedBeforeEnd;
    this.#in = incoming;
    this.#url = url;
    this.#signal = signal;
    this.#makeBody = makeBody;
  }

  get method(): string {
    return this.#in.method ?? 'GET';
  }

  get url(): string {
    return this.#url;
  }

  get headers(): Headers {
    this.#headers ??= headersOf(this.#in.rawHeaders);
    return this.#headers;
  }

  get signal(): AbortSignal {
    return this.#signal;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#real) return this.#real.body;
    if (this.#body === undefined) this.#body = this.#makeBody();
    return this.#body;
  }

  /**
   * The whole body, read from the socket without a web stream (the gateway reads a body of declared length so).
   * Once the body stream was taken, or the real `Request` made, from them instead.
   */
  arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real || this.#body !== undefined) return NodeRequest.real(this).arrayBuffer();
    this.#body = null;
    const incoming = this.#in;
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      const done = (error?: unknown) => {
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        incoming.off('error', done);
        incoming.off('close', onClose);
        if (error !== undefined) reject(error);
        else {
          const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
          resolve(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer);
        }
      };
      const onData = (chunk: Buffer) => parts.push(chunk);
      const onEnd = () => done();
      const onClose = () => {
        if (!incoming.complete) done(this.#closedBeforeEnd());
      };
      incoming.on('data', onData);
      incoming.once('end', onEnd);
      incoming.once('error', done);
      incoming.once('close', onClose);
    });
  }

  static real(r: NodeRequest): Request {
    if (!r.#real) {
      const body = r.body;
      r.#real = new Request(r.#url, {
        method: r.method,
        headers: r.headers,
        body,
        signal: r.#signal,
        duplex: 'half',
      } as RequestInit);
    }
    return r.#real;
  }
}

for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (OWN.has(name)) continue;
  const d = Object.getOwnPropertyDescriptor(Request.prototype, name);
  if (!d) continue;
  if (typeof d.value === 'function') {
    const method = d.value as (...args: unknown[]) => unknown;
    Object.defineProperty(NodeRequest.prototype, name, {
      value(this: NodeRequest, ...args: unknown[]) {
        return method.apply(NodeRequest.real(this), args);
      },
      configurable: true,
      writable: true,
    });
  } else if (d.get) {
    const get = d.get;
    Object.defineProperty(NodeRequest.prototype, name, {
      get(this: NodeRequest) {
        return get.call(NodeRequest.real(this));
      },
      configurable: true,
    });
  }
}
Object.setPrototypeOf(NodeRequest.prototype, Request.prototype);

/**
 * A node request as a web `Request` for a handler that reads it (`NodeRequest`): its body streamed from the socket
 * on demand, `signal` the one given (aborted when the client goes away). `closedBeforeEnd` is the error a body
 * read gets when the client goes away mid-upload.
 */
export function nodeRequest(
  incoming: IncomingMessage,
  url: string,
  signal: AbortSignal,
  closedBeforeEnd: () => Error,
): Request {
  const method = incoming.method ?? 'GET';
  const makeBody = () =>
    method === 'GET' || method === 'HEAD'
      ? null
      : incomingBody(incoming, { incomplete: closedBeforeEnd, cancel: () => incoming.pause() });
  return new NodeRequest(incoming, url, signal, makeBody, closedBeforeEnd) as unknown as Request;
}

/** The same request as a real `Request` (for handlers that hand it on to `fetch` or `new Request`). */
export function realRequest(
  incoming: IncomingMessage,
  url: string,
  signal: AbortSignal,
  closedBeforeEnd: () => Error,
): Request {
  return NodeRequest.real(nodeRequest(incoming, url, signal, closedBeforeEnd) as unknown as NodeRequest);
}
