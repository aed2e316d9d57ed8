import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromJson } from './config.js';
import { loadConfig } from './node/load-config.js';

describe('gateway config', () => {
  it('has built-in anthropic and openai providers that env vars override', () => {
    const c = configFromJson(
      {},
      { CROSSWIRE_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', CROSSWIRE_OPENAI_API_KEY: 'sk-env' },
    );
    expect(c.providers.openai).toEqual({ format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-env' });
    expect(c.providers.anthropic).toMatchObject({ format: 'anthropic-messages', baseUrl: 'https://api.anthropic.com' });
  });
  it('reads providers from a file, with apiKeyEnv, and declares env-only providers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-config-'));
    const file = join(dir, 'gw.json');
    writeFileSync(
      file,
      JSON.stringify({
        providers: {
          'my-llm': { format: 'openai-chat', baseUrl: 'http://x/v1', apiKeyEnv: 'MY_KEY', headers: { 'x-org': 'o' } },
        },
        defaultProvider: 'my-llm',
        idleTimeoutMs: 5000,
      }),
    );
    const c = loadConfig(file, {
      MY_KEY: 'k1',
      CROSSWIRE_PROVIDERS: 'other',
      CROSSWIRE_OTHER_FORMAT: 'anthropic-messages',
      CROSSWIRE_OTHER_BASE_URL: 'http://y',
    });
    expect(c.providers['my-llm']).toEqual({
      format: 'openai-chat',
      baseUrl: 'http://x/v1',
      apiKey: 'k1',
      headers: { 'x-org': 'o' },
    });
    expect(c.providers.other).toEqual({ format: 'anthropic-messages', baseUrl: 'http://y' });
    expect(c.defaultProvider).toBe('my-llm');
    expect(c.idleTimeoutMs).toBe(5000);
  });
  it('rejects bad files with a message naming the field', () => {
    expect(() => configFromJson({ providers: { x: { format: 'nope', baseUrl: 'http://x' } } }, {})).toThrow(
      /providers.x.format/,
    );
    expect(() => configFromJson({ providers: { x: { format: 'gemini' } } }, {})).toThrow(/providers.x.baseUrl/);
    expect(() => configFromJson({ defaultProvider: 'ghost' }, {})).toThrow(/ghost/);
    expect(() => configFromJson({ idleTimeoutMs: -1 }, {})).toThrow(/idleTimeoutMs/);
  });
});
