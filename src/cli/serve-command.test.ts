import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('crosswire serve', () => {
  it('starts the gateway on loopback, answers /health and an error in the caller shape, stops on SIGTERM', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/crosswire.mjs');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, CROSSWIRE_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no "listening" line within 20 s: ${out}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            done(m[1]!);
          }
        });
      });
      const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean; providers: string[] };
      expect(health).toEqual({ ok: true, providers: ['anthropic', 'openai'] });
      // port 9 (discard) refuses the connection: 502 in the OpenAI shape
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify({ model: '@openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe('server_error');
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
