import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('crosswire mock-providers', () => {
  it('prints loopback URLs of strict mocks that answer (and reject) like the providers; stops on SIGTERM', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/crosswire.mjs');
    const child = spawn(process.execPath, [bin, 'mock-providers'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await new Promise<string>((done, fail) => {
        let text = '';
        const timer = setTimeout(() => fail(new Error(`no URLs within 20 s: ${text}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('crosswire serve')) {
            clearTimeout(timer);
            done(text);
          }
        });
      });
      const anthropic = /anthropic\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const openai = /openai\s+(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out)?.[1];
      expect(anthropic).toBeDefined();
      expect(openai).toBeDefined();
      const ok = await fetch(`${openai}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe(
        'echo: hi',
      );
      // strict: Anthropic without max_tokens is a 400 in Anthropic's shape
      const bad = await fetch(`${anthropic}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-x', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
