/**
 * A media server on loopback for the resolver's tests: one file of each media type, redirect chains, oversize,
 * mislabelled, slow and failing answers. Counts hits per path and the requests in flight.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const filler = (label: string, n = 48) =>
  Array.from({ length: n }, (_, i) => (label.charCodeAt(i % label.length) + i) & 0xff);

/**
 * Small files that start with each format's magic number (written from the format specifications: JPEG SOI + APP0,
 * the PNG signature, `GIF89a`, RIFF/WEBP, `%PDF-1.7`), followed by filler bytes. They are not decodable pictures:
 * the resolver reads only the magic number, and the tests compare the bytes that come out.
 */
export const SAMPLES = {
  'image/jpeg': Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0, ...filler('jpeg')]),
  'image/png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...filler('png')]),
  'image/gif': Uint8Array.from([...ascii('GIF89a'), 1, 0, 1, 0, ...filler('gif')]),
  'image/webp': Uint8Array.from([...ascii('RIFF'), 40, 0, 0, 0, ...ascii('WEBPVP8 '), ...filler('webp', 32)]),
  'application/pdf': Uint8Array.from([
    ...ascii('%PDF-1.7\n'),
    ...ascii('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  ]),
  'text/plain': new TextEncoder().encode('Grüße aus crosswire — ein Text in UTF-8.\n'),
} as const;

export type SampleType = keyof typeof SAMPLES;

const FILES: Record<string, SampleType> = {
  '/a.jpg': 'image/jpeg',
  '/a.png': 'image/png',
  '/a.gif': 'image/gif',
  '/a.webp': 'image/webp',
  '/a.pdf': 'application/pdf',
  '/a.txt': 'text/plain',
};

export interface MediaServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  /** requests seen per path (query included) */
  hits: Map<string, number>;
  /** most requests in flight at once */
  maxInFlight(): number;
  /** requests whose connection closed before the answer was complete */
  abandoned(): number;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body?: Uint8Array | string,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Paths (query `delay=<ms>` delays any answer):
 * - `/a.jpg`, `/a.png`, `/a.gif`, `/a.webp`, `/a.pdf`, `/a.txt`: each sample with its content-type;
 * - `/untyped/<file>`: the same bytes without a content-type; `/octet/<file>`: as `application/octet-stream`;
 * - `/hops/<n>/<file>`: `n` relative 302 redirects, then the file; `/redirect?to=<url>`: one 302 to `to`;
 * - `/big?bytes=<n>[&chunked=1]`: a PNG of `n` bytes, with content-length unless chunked;
 * - `/html-as-png`: HTML labelled `image/png`; `/latin1.txt`: ISO-8859-1 bytes labelled text/plain; `/page.html`;
 * - `/slow-headers?ms=`, `/slow-body?ms=`: the answer (or its body's end) after `ms`;
 * - `/status/<code>`: that status;
 * - `/reset`: headers and half a PNG, then the connection is destroyed.
 */
export async function startMediaServer(): Promise<MediaServer> {
  const hits = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let abandoned = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const handle = (res: ServerResponse, url: URL) => {
    const path = url.pathname;
    const file = FILES[path];
    if (file)
      return send(
        res,
        200,
        { 'content-type': file === 'text/plain' ? 'text/plain; charset=utf-8' : file },
        SAMPLES[file],
      );
    const under = /^\/(untyped|octet)(\/.+)$/.exec(path);
    if (under && FILES[under[2]!]) {
      const headers: Record<string, string> =
        under[1] === 'octet' ? { 'content-type': 'application/octet-stream' } : {};
      return send(res, 200, headers, SAMPLES[FILES[under[2]!]!]);
    }
    const hops = /^\/hops\/(\d+)(\/.+)$/.exec(path);
    if (hops) {
      const n = Number(hops[1]);
      return send(res, 302, { location: n > 1 ? `/hops/${n - 1}${hops[2]}` : hops[2]! });
    }
    if (path === '/redirect') return send(res, 302, { location: url.searchParams.get('to') ?? '/' });
    if (path === '/big') {
      const n = Number(url.searchParams.get('bytes') ?? '0');
      const body = new Uint8Array(Math.max(n, 8));
      body.set(SAMPLES['image/png'].subarray(0, 8));
      if (url.searchParams.get('chunked') === '1') {
        res.writeHead(200, { 'content-type': 'image/png' });
        for (let at = 0; at < body.length; at += 4096) res.write(body.subarray(at, at + 4096));
        res.end();
        return;
      }
      return send(res, 200, { 'content-type': 'image/png', 'content-length': body.length }, body);
    }
    if (path === '/html-as-png')
      return send(res, 200, { 'content-type': 'image/png' }, '<!doctype html><title>not an image</title>');
    if (path === '/page.html') return send(res, 200, { 'content-type': 'text/html' }, '<!doctype html><p>hello</p>');
    if (path === '/latin1.txt')
      return send(
        res,
        200,
        { 'content-type': 'text/plain; charset=iso-8859-1' },
        Uint8Array.from([0x47, 0x72, 0xfc, 0xdf, 0x65]),
      );
    if (path === '/slow-headers')
      return later(Number(url.searchParams.get('ms') ?? '5000'), () =>
        send(res, 200, { 'content-type': 'image/png' }, SAMPLES['image/png']),
      );
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(SAMPLES['image/png'].subarray(0, 8));
      return later(Number(url.searchParams.get('ms') ?? '5000'), () => res.end(SAMPLES['image/png'].subarray(8)));
    }
    if (path === '/reset') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 4096 });
      res.write(SAMPLES['image/png'].subarray(0, 8));
      return later(20, () => res.destroy());
    }
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) return send(res, Number(status[1]), { 'content-type': 'text/plain' }, `status ${status[1]}`);
    send(res, 404, { 'content-type': 'text/plain' }, 'no such media');
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${url.pathname}${url.search}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let finished = false;
    res.on('finish', () => {
      finished = true;
    });
    res.on('close', () => {
      inFlight--;
      if (!finished) abandoned++;
    });
    const delay = Number(url.searchParams.get('delay') ?? '0');
    if (delay > 0) later(delay, () => handle(res, url));
    else handle(res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    hits,
    maxInFlight: () => maxInFlight,
    abandoned: () => abandoned,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
