import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/core/formats.js';
import { strictUpstreamCheck } from './strict-upstream-check.js';

const json = { 'content-type': 'application/json' };

async function check(
  format: FormatId,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<string[]> {
  const req = new Request(`http://upstream.test${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const verdict = await strictUpstreamCheck(format, req, body);
  return verdict?.problems ?? [];
}

const claude = { max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };
const gemini = { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] };
const converse = { messages: [{ role: 'user', content: [{ text: 'Hello' }] }] };
const bearer = { ...json, authorization: 'Bearer k' };

describe('strictUpstreamCheck', () => {
  it('accepts well-formed requests of every format', async () => {
    expect(
      await check(
        'anthropic-messages',
        '/v1/messages',
        { ...json, 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
        { model: 'c', ...claude },
      ),
    ).toEqual([]);
    expect(
      await check('openai-chat', '/v1/chat/completions', bearer, {
        model: 'g',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    ).toEqual([]);
    expect(
      await check(
        'gemini',
        '/v1beta/models/g:streamGenerateContent?alt=sse',
        { ...json, 'x-goog-api-key': 'k' },
        gemini,
      ),
    ).toEqual([]);
    expect(await check('gemini', '/v1beta/models/g:generateContent?key=k', json, gemini)).toEqual([]);
    expect(await check('bedrock-converse', '/model/m/converse-stream', bearer, converse)).toEqual([]);
    expect(
      await check('bedrock-invoke', '/model/m/invoke', bearer, { anthropic_version: 'bedrock-2023-05-31', ...claude }),
    ).toEqual([]);
    const vertexPath = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude:streamRawPredict';
    expect(
      await check('vertex-anthropic', vertexPath, bearer, {
        anthropic_version: 'vertex-2023-10-16',
        ...claude,
        stream: true,
      }),
    ).toEqual([]);
  });

  it('reports each format’s missing auth', async () => {
    expect(
      await check(
        'anthropic-messages',
        '/v1/messages',
        { ...json, 'anthropic-version': '2023-06-01' },
        { model: 'c', ...claude },
      ),
    ).toEqual(['headers: x-api-key header (or Authorization: Bearer) is required']);
    expect(await check('gemini', '/v1beta/models/g:generateContent', bearer, gemini)).toEqual([
      expect.stringMatching(/^headers: Method doesn't allow unregistered callers/),
    ]);
    expect(await check('gemini', '/v1beta/models/g:generateContent', bearer, gemini)).toEqual([
      expect.stringMatching(/^headers: Method doesn't allow unregistered callers/),
    ]);
    for (const format of ['bedrock-converse', 'bedrock-invoke'] as const) {
      expect(
        (await check(format, '/model/m/converse', { ...json, 'x-api-key': 'k' }, {})).filter((p) =>
          p.startsWith('headers:'),
        ),
      ).toEqual(['headers: Missing Authentication Token']);
    }
    expect(
      (await check('vertex-anthropic', '/model/m/converse', { ...json, 'x-api-key': 'k' }, {})).filter((p) =>
        p.startsWith('headers:'),
      ),
    ).toEqual(['headers: no Authorization: Bearer token']);
  });

  it('applies the Anthropic rules under the anthropic-version header the request was sent with', async () => {
    const body = { model: 'c', ...claude, temperature: 0.5 };
    expect(
      await check('anthropic-messages', '/v1/messages', { ...bearer, 'anthropic-version': '2023-06-01' }, body),
    ).toEqual([]);
    expect(
      await check('anthropic-messages', '/v1/messages', { ...bearer, 'anthropic-version': '2026-10-21' }, body),
    ).toEqual(['temperature: temperature: is not supported in anthropic-version 2026-10-21']);
  });

  it('applies the provider rules beyond the spec and the Invoke/Vertex body rules', async () => {
    expect(
      await check(
        'gemini',
        '/v1beta/models/g:generateContent',
        { ...json, 'x-goog-api-key': 'k' },
        { contents: [...gemini.contents, ...gemini.contents] },
      ),
    ).toEqual(['contents[1].role: consecutive turns of role "user": roles must alternate']);
    expect(
      await check('bedrock-converse', '/model/m/converse', bearer, {
        messages: [...converse.messages, ...converse.messages],
      }),
    ).toEqual(['messages[1].role: A conversation must alternate between user and assistant roles.']);
    expect(await check('bedrock-invoke', '/model/m/invoke', bearer, { ...claude, model: 'm', stream: true })).toEqual([
      'anthropic_version: required property is missing (expected string)',
      'anthropic_version: Malformed input request: #: required key [anthropic_version] not found',
      'model: Malformed input request: #: extraneous key [model] is not permitted',
      'stream: Malformed input request: #: extraneous key [stream] is not permitted',
    ]);
  });

  it('checks token-count endpoints by their own body shapes', async () => {
    const headers = { ...bearer, 'anthropic-version': '2023-06-01' };
    expect(
      await check('anthropic-messages', '/v1/messages/count_tokens', headers, {
        model: 'c',
        messages: claude.messages,
      }),
    ).toEqual([]);
    expect(await check('gemini', '/v1beta/models/g:countTokens', { ...json, 'x-goog-api-key': 'k' }, gemini)).toEqual(
      [],
    );
    expect(await check('bedrock-converse', '/model/m/count-tokens', bearer, { input: { converse } })).toEqual([]);
    const vertexCount = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict';
    expect(
      await check('vertex-anthropic', vertexCount, bearer, {
        anthropic_version: 'vertex-2023-10-16',
        model: 'c',
        messages: claude.messages,
      }),
    ).toEqual([]);
  });

  it('wants a JSON content type', async () => {
    expect(
      await check(
        'bedrock-converse',
        '/model/m/converse',
        { authorization: 'Bearer k', 'content-type': 'text/plain' },
        converse,
      ),
    ).toEqual(['headers: content-type is not application/json']);
  });
});
