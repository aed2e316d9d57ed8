import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from './config.js';
import { routeModel } from './route-model.js';

const config: GatewayConfig = {
  providers: {
    openai: { format: 'openai-chat', baseUrl: 'http://o' },
    anthropic: { format: 'anthropic-messages', baseUrl: 'http://a', models: ['claude-x'] },
  },
};

describe('routeModel', () => {
  it('routes @provider/model and provider/model, keeping slashes after the first', () => {
    expect(routeModel(config, '@openai/gpt-4o')).toMatchObject({
      ok: true,
      providerName: 'openai',
      model: 'gpt-4o',
      rewritten: true,
    });
    expect(routeModel(config, 'openai/ft:gpt-4o/x')).toMatchObject({
      ok: true,
      providerName: 'openai',
      model: 'ft:gpt-4o/x',
    });
  });
  it('a prefix that is not a provider is part of the model name (default provider)', () => {
    const r = routeModel({ ...config, defaultProvider: 'openai' }, 'meta-llama/Llama-3');
    expect(r).toMatchObject({ ok: true, providerName: 'openai', model: 'meta-llama/Llama-3', rewritten: false });
  });
  it('rejects unknown providers (404), bare names without default (400), models outside the allow list (404)', () => {
    expect(routeModel(config, '@nope/x')).toMatchObject({ ok: false, status: 404 });
    expect(routeModel(config, 'gpt-4o')).toMatchObject({ ok: false, status: 400 });
    expect(routeModel(config, '@openai/')).toMatchObject({ ok: false, status: 400 });
    expect(routeModel(config, '@anthropic/claude-y')).toMatchObject({ ok: false, status: 404 });
    expect(routeModel(config, '@anthropic/claude-x')).toMatchObject({ ok: true });
  });

  it('names no provider by an inherited property (own-property lookup)', () => {
    for (const name of ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf']) {
      expect(routeModel(config, `@${name}/x`)).toMatchObject({ ok: false, status: 404 });
      // a bare `name/x` is not a provider prefix: the default provider, or a 400 without one
      expect(routeModel(config, `${name}/x`)).toMatchObject({ ok: false, status: 400 });
      expect(routeModel({ ...config, defaultProvider: 'openai' }, `${name}/x`)).toMatchObject({
        ok: true,
        providerName: 'openai',
        model: `${name}/x`,
      });
    }
  });

  it('a default provider that is not an own provider routes nothing', () => {
    expect(routeModel({ ...config, defaultProvider: 'constructor' }, 'gpt-4o')).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
