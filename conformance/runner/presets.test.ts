import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/load-scenarios.js';
import { clientPath, clientRequestFor } from './live-exchange.js';
import { modelTemplateProblem, portkeyHeaders, presetConfigFile, presetModelTemplate, routedModel } from './presets.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const MOCK = 'http://127.0.0.1:8799';

describe('model routing per preset', () => {
  it('names the model the way each gateway routes', () => {
    expect(routedModel('gpt-4o', 'openai-chat', 'crosswire')).toBe('@openai/gpt-4o');
    expect(routedModel('gpt-4o', 'openai-chat', 'litellm')).toBe('openai/gpt-4o');
    expect(routedModel('gpt-4o', 'openai-chat', 'portkey')).toBe('gpt-4o');
    expect(routedModel('claude-x', 'anthropic-messages', 'ccr')).toBe('anthropic,claude-x');
    expect(routedModel('gemini-2.5-flash', 'gemini', 'ccr')).toBe('gemini,gemini-2.5-flash');
  });

  it('gives Portkey the publisher prefix its Vertex provider reads, and only for Vertex', () => {
    expect(presetModelTemplate('portkey', 'vertex-anthropic')).toBe('anthropic.{model}');
    expect(routedModel('claude-sonnet-4-5', 'vertex-anthropic', 'portkey')).toBe('anthropic.claude-sonnet-4-5');
    expect(routedModel('claude-sonnet-4-5', 'anthropic-messages', 'portkey')).toBe('claude-sonnet-4-5');
  });

  it('a --model-template overrides the preset, every occurrence filled in', () => {
    expect(routedModel('gpt-4o', 'openai-chat', 'crosswire', '{provider},{model}')).toBe('openai,gpt-4o');
    expect(routedModel('m', 'bedrock-invoke', 'portkey', 'x/{provider}/{model}/{provider}')).toBe(
      'x/bedrock/m/bedrock',
    );
    expect(routedModel('m', 'vertex-anthropic', 'portkey', '{model}')).toBe('m');
  });

  it('rejects a template without {model} or with an unknown placeholder', () => {
    expect(modelTemplateProblem('{provider},{model}')).toBeUndefined();
    expect(modelTemplateProblem('{model}')).toBeUndefined();
    expect(modelTemplateProblem('{provider}')).toMatch(/must contain \{model\}/);
    expect(modelTemplateProblem('{vendor}/{model}')).toMatch(/unknown placeholder \{vendor\}/);
  });

  it('the client request and URL carry the routed model (body for Anthropic clients, path for Gemini and Vertex clients)', () => {
    const anthropic = loadScenario(join(fixtures, 'anthropic-messages--openai-chat', 'text'));
    expect(clientRequestFor(anthropic, 'json', { preset: 'ccr' }).model).toBe(
      `openai,${String((anthropic.clientRequest as { model: string }).model)}`,
    );
    const gemini = loadScenario(join(fixtures, 'gemini--anthropic-messages', 'error-400'));
    expect(clientPath(gemini, 'json', { preset: 'ccr' })).toBe(
      '/v1beta/models/anthropic,claude-sonnet-4-5:generateContent',
    );
    expect(clientPath(gemini, 'stream', { preset: 'crosswire', modelTemplate: 'x-{model}' })).toBe(
      '/v1beta/models/x-claude-sonnet-4-5:streamGenerateContent?alt=sse',
    );
  });
});

describe('Portkey headers', () => {
  it('Vertex: the custom host is the bare upstream (Portkey adds /v1/projects/…)', () => {
    const h = portkeyHeaders('vertex-anthropic', MOCK);
    expect(h['x-portkey-custom-host']).toBe(MOCK);
    expect(h['x-portkey-provider']).toBe('vertex-ai');
  });

  it('OpenAI and Anthropic: the SDK base with /v1; Gemini: /v1beta', () => {
    expect(portkeyHeaders('openai-chat', MOCK)['x-portkey-custom-host']).toBe(`${MOCK}/v1`);
    expect(portkeyHeaders('anthropic-messages', MOCK)['x-portkey-custom-host']).toBe(`${MOCK}/v1`);
    expect(portkeyHeaders('gemini', MOCK)['x-portkey-custom-host']).toBe(`${MOCK}/v1beta`);
  });
});

describe('gateway config files', () => {
  it('claude-code-router: providers named as {provider}, at the scenario upstream, on the gateway port', () => {
    const file = presetConfigFile('ccr', MOCK, 8791);
    const config = JSON.parse(file?.text ?? '{}') as {
      PORT: number;
      HOST: string;
      APIKEY?: string;
      Providers: { name: string; api_base_url: string; transformer?: { use: string[] } }[];
    };
    expect(config.PORT).toBe(8791);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.APIKEY).toBeUndefined();
    const byName = Object.fromEntries(config.Providers.map((p) => [p.name, p]));
    expect(byName.openai?.api_base_url).toBe(`${MOCK}/v1/chat/completions`);
    expect(byName.openai?.transformer).toBeUndefined();
    expect(byName.anthropic).toMatchObject({
      api_base_url: `${MOCK}/v1/messages`,
      transformer: { use: ['Anthropic'] },
    });
    expect(byName.gemini).toMatchObject({ api_base_url: `${MOCK}/v1beta/models/`, transformer: { use: ['gemini'] } });
    // each provider name is what the ccr template puts before the comma
    for (const p of config.Providers)
      expect(
        routedModel(
          'm',
          p.name === 'openai' ? 'openai-chat' : p.name === 'anthropic' ? 'anthropic-messages' : 'gemini',
          'ccr',
        ),
      ).toBe(`${p.name},m`);
    expect(JSON.parse(presetConfigFile('ccr', MOCK)?.text ?? '{}').PORT).toBe(3456);
  });

  it('LiteLLM: both model families at the scenario upstream; Portkey and crosswire need no file', () => {
    const text = presetConfigFile('litellm', MOCK)?.text ?? '';
    expect(text).toContain(`api_base: "${MOCK}/v1"`);
    expect(text).toContain(`model: "anthropic/*", api_base: "${MOCK}"`);
    expect(presetConfigFile('portkey', MOCK)).toBeUndefined();
    expect(presetConfigFile('crosswire', MOCK)).toBeUndefined();
  });
});
