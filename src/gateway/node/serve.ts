import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Gateway } from '../create-gateway.js';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve a web-standard handler over node:http (default: 127.0.0.1, a free port). */
export function serveFetch(
  handler: (req: Request) => Promise<Response>,
  opts: { port?: number; hostname?: string } = {},
): Promise<Served> {
  const hostname = opts.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: handler, port: opts.port ?? 0, hostname }, (info: AddressInfo) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            // end idle keep-alive sockets too, so close() does not wait for them
            const s = server as unknown as { closeAllConnections?: () => void };
            server.close(() => done());
            s.closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}

/** Serve a gateway over node:http. */
export function serveGateway(gateway: Gateway, opts: { port?: number; hostname?: string } = {}): Promise<Served> {
  return serveFetch((req) => gateway.fetch(req), opts);
}
