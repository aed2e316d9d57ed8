/**
 * The baseline of the gateway bench, in its own process: a pass-through relay (node:http server, node:http client
 * with keep-alive) that forwards each request to the upstream and pipes the response back byte for byte. It is
 * the cheapest extra HTTP hop Node can make; what the gateway adds beyond it is the gateway's own work.
 */
import { Agent, createServer, request } from 'node:http';
import { listen, runChild } from './child.js';

const upstream = new URL(process.env.CROSSWIRE_BENCH_UPSTREAM ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host']);

await runChild(async () => {
  const server = createServer((req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
    const up = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent },
      (ur) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(ur.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
        res.writeHead(ur.statusCode ?? 502, out);
        ur.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  const served = await listen(server);
  return { ...served, info: 'pass-through relay (node:http in and out, keep-alive, bytes piped unchanged)' };
});
