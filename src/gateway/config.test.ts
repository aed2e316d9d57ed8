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

  it('reads the media settings: per-provider mode and limits, gateway allowHosts, allowHttp and limits', () => {
    const c = configFromJson(
      {
        providers: {
          br: {
            format: 'bedrock-converse',
            baseUrl: 'http://b',
            media: 'refuse',
            mediaLimits: { maxItemBytes: 3_750_000 },
          },
          gm: { format: 'gemini', baseUrl: 'http://g' },
        },
        media: {
          allowHosts: ['media.internal', '10.1.0.0/16'],
          allowHttp: true,
          limits: { timeoutMs: 5000, maxRedirects: 0 },
        },
      },
      { CROSSWIRE_GM_MEDIA: 'pass' },
    );
    expect(c.providers.br).toMatchObject({ media: 'refuse', mediaLimits: { maxItemBytes: 3_750_000 } });
    expect(c.providers.gm!.media).toBe('pass');
    expect(c.providers.openai!.media).toBeUndefined();
    expect(c.media).toEqual({
      allowHosts: ['media.internal', '10.1.0.0/16'],
      allowHttp: true,
      limits: { timeoutMs: 5000, maxRedirects: 0 },
    });
    expect(configFromJson({}, { CROSSWIRE_MEDIA_ALLOW_HOSTS: 'a.internal, 10.0.0.0/8' }).media).toEqual({
      allowHosts: ['a.internal', '10.0.0.0/8'],
    });
    expect(configFromJson({}, {}).media).toBeUndefined();
  });
  it('rejects bad media settings naming the field', () => {
    const bad = (json: unknown) => () => configFromJson(json, {});
    expect(bad({ providers: { openai: { media: 'fetch' } } })).toThrow(/providers.openai.media must be/);
    expect(bad({ providers: { openai: { mediaLimits: { maxItemBytes: 0 } } } })).toThrow(
      /providers.openai.mediaLimits.maxItemBytes/,
    );
    expect(bad({ media: { limits: { maxBytes: 5 } } })).toThrow(/media.limits.maxBytes is not a media limit/);
    expect(bad({ media: { limits: { timeoutMs: 1.5 } } })).toThrow(/media.limits.timeoutMs/);
    expect(bad({ media: { allowHosts: '127.0.0.1' } })).toThrow(/media.allowHosts/);
    expect(bad({ media: { allowHttp: 'yes' } })).toThrow(/media.allowHttp/);
    expect(bad({ media: [] })).toThrow(/media must be an object/);
  });
});
