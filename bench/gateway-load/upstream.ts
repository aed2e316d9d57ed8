/**
 * The upstream of the gateway bench, in its own process: a canned Anthropic Messages API on loopback (node:http).
 * It checks what the real API would refuse outright (the API key, a JSON body with `messages` and `max_tokens`)
 * and answers with a fixed response, or for `stream: true` a fixed SSE stream written one event per write, with a
 * turn of the event loop between events (so events leave as separate packets, as a model's tokens do), and
 * nothing else: its own cost must stay small next to what is measured.
 */
import { createServer } from 'node:http';
import { listen, runChild } from './child.js';
import { cannedEvents, cannedResponse, UPSTREAM_KEY } from './exchange.js';

const stream = cannedEvents();
const json = cannedResponse();
await runChild(async () => {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const refuse = (status: number, message: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: status === 401 ? 'authentication_error' : 'invalid_request_error', message },
          }),
        );
      };
      if (req.headers['x-api-key'] !== UPSTREAM_KEY) return refuse(401, 'invalid x-api-key');
      let body: { stream?: unknown; messages?: unknown; max_tokens?: unknown };
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as typeof body;
      } catch {
        return refuse(400, 'body is not JSON');
      }
      if (!Array.isArray(body.messages) || typeof body.max_tokens !== 'number')
        return refuse(400, 'messages and max_tokens are required');
      if (body.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(json);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (i < stream.length) {
          res.write(stream[i++]!);
          setImmediate(next);
        } else res.end();
      };
      next();
    });
  });
  const served = await listen(server);
  return { ...served, info: `canned Anthropic upstream, ${stream.length} SSE events per stream, one write per event` };
});
