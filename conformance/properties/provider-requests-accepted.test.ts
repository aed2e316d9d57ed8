import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { MessageCreateParams } from '../../generated/anthropic-messages/types.gen.js';
import { translateRequest } from '../../src/translate/translate.js';
import { validateRequest } from '../../src/validate/index.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { createBedrockConverseMock } from '../mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../mocks/bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from '../mocks/gemini/create-gemini-mock.js';
import type { MockProvider } from '../mocks/mock-types.js';
import { createVertexAnthropicMock } from '../mocks/vertex/create-vertex-anthropic-mock.js';
import { PROVIDER_FORMATS, type ProviderFormat } from './normalize-provider-requests.js';
import { params, timeout } from './runs.js';

/** Each provider's strict mock, where its requests go (base URL), and the credentials it wants. */
const PROVIDERS: Record<ProviderFormat, { mock: () => MockProvider; base: string; headers: Record<string, string> }> = {
  gemini: {
    mock: () => createGeminiMock({ apiKey: 'k' }),
    base: 'https://generativelanguage.test',
    headers: { 'x-goog-api-key': 'k' },
  },
  'bedrock-converse': {
    mock: () => createBedrockConverseMock(),
    base: 'https://bedrock-runtime.test',
    headers: { authorization: 'Bearer k' },
  },
  'bedrock-invoke': {
    mock: () => createBedrockInvokeMock(),
    base: 'https://bedrock-runtime.test',
    headers: { authorization: 'Bearer k' },
  },
  'vertex-anthropic': {
    mock: () => createVertexAnthropicMock({ apiKey: 'k' }),
    base: 'https://aiplatform.test/v1/projects/p/locations/r',
    headers: { authorization: 'Bearer k' },
  },
};

/** What the provider's strict mock answers to the request (status, and its error message when it refuses it). */
async function mockVerdict(
  mock: MockProvider,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; refusal?: string }> {
  const res = await mock(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
  if (res.ok) {
    await res.body?.cancel();
    return { status: res.status };
  }
  return { status: res.status, refusal: await res.text() };
}

// Any valid Anthropic request translates into a request the provider's spec accepts (`validateRequest`) and its
// strict mock accepts (the spec again, plus the provider's own rules: turn order, non-empty content, tool config, …).
describe.each(PROVIDER_FORMATS)('translated requests are accepted by %s', (format) => {
  const provider = PROVIDERS[format];
  const mock = provider.mock();
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params(0.5))(
    'Anthropic -> provider: spec and strict mock',
    async (a) => {
      mock.reset(); // keep only this run's request on record
      const r = translateRequest('anthropic-messages', format, a);
      const spec = validateRequest(format, r.body);
      expect(spec.errors).toEqual([]);
      const path = r.context.upstreamPath;
      expect(typeof path).toBe('string');
      expect(await mockVerdict(mock, provider.base + String(path), provider.headers, r.body)).toEqual({ status: 200 });
    },
    timeout(0.5),
  );
});

// Fixed translator bug: Anthropic -> Converse used to keep a user turn of URL images only (dropped, a declared loss)
// as a message with empty content, which Converse refuses ("The content field in the Message object is empty.").
describe('Anthropic -> Converse: a turn emptied by losses', () => {
  test('a first user turn of URL images only is sent as a note, and Converse accepts the request', async () => {
    const a: MessageCreateParams = {
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'and now?' },
      ],
    };
    const r = translateRequest('anthropic-messages', 'bedrock-converse', a);
    const p = PROVIDERS['bedrock-converse'];
    expect(await mockVerdict(p.mock(), p.base + String(r.context.upstreamPath), p.headers, r.body)).toEqual({
      status: 200,
    });
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[0]', 'messages[0]']);
  });
});
