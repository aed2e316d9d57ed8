import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/crosswire.mjs');
const children: ChildProcessByStdio<null, Readable, Readable>[] = [];

/** Start the CLI; resolves with its stdout once `until` matches it. */
function start(args: string[], until: RegExp, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise<string>((done, fail) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`crosswire ${args[0]}: no ${until} within 30 s: ${text}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (until.test(text)) {
        clearTimeout(timer);
        done(text);
      }
    });
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const post = (url: string, headers: Record<string, string>, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('crosswire mock-providers', () => {
  it('serves every provider mock strictly, and prints the environment that points crosswire serve at all of them', async () => {
    const out = await start(['mock-providers'], /crosswire serve\s*$/);
    const url = (name: string) => new RegExp(`^  ${name} +(http://127\\.0\\.0\\.1:\\d+\\S*)`, 'm').exec(out)?.[1];
    const urls = Object.fromEntries(['anthropic', 'openai', 'gemini', 'bedrock', 'vertex'].map((n) => [n, url(n)]));
    expect(
      Object.values(urls).every((u) => u !== undefined),
      out,
    ).toBe(true);
    expect(Math.max(...out.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(120);

    // the mocks answer, and reject what the provider would
    const ok = await post(
      `${urls.openai}/chat/completions`,
      { authorization: 'Bearer k' },
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
      },
    );
    expect(ok.status).toBe(200);
    const anthropicHeaders = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
    const bad = await post(`${urls.anthropic}/v1/messages`, anthropicHeaders, {
      model: 'claude-x',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const gemini = await post(
      `${urls.gemini}/v1beta/models/gemini-x:generateContent`,
      { 'x-goog-api-key': 'k' },
      {
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      },
    );
    expect(gemini.status).toBe(200);

    // the printed environment, handed to `crosswire serve`, reaches every mock
    const env = Object.fromEntries(
      [...out.matchAll(/^ {2}(CROSSWIRE_[A-Z_]+)=(\S+) \\$/gm)].map((m) => [m[1]!, m[2]!] as const),
    );
    expect(env.CROSSWIRE_PROVIDERS?.split(',')).toEqual(['gemini', 'bedrock', 'bedrock-converse', 'vertex']);
    const served = await start(['serve', '--port', '0'], /listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*@vertex/, env);
    const gateway = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(served)![1]!;
    for (const model of [
      '@anthropic/claude-x',
      '@openai/gpt-4o',
      '@gemini/gemini-x',
      '@bedrock/anthropic.claude-x',
      '@bedrock-converse/anthropic.claude-x',
      '@vertex/claude-x',
    ]) {
      const res = await post(`${gateway}/v1/messages`, anthropicHeaders, {
        model,
        max_tokens: 32,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.status, model).toBe(200);
      expect(await res.json(), model).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'echo: hi' }] });
    }

    const stopped = children.map((c) => new Promise<number | null>((done) => c.once('exit', (code) => done(code))));
    for (const c of children) c.kill('SIGTERM');
    expect(await Promise.all(stopped)).toEqual([0, 0]);
  });
});
