import { describe, expect, it } from 'vitest';
import type { FormatId } from '../core/formats.js';
import {
  createStreamTranslator,
  requestFromHub,
  requestToHub,
  translateError,
  translateRequest,
  translateResponse,
} from './translate.js';

/** A whole Gemini answer in one stream chunk. */
const geminiChunk = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 },
  responseId: 'r1',
};

describe('composed routes through the hub', () => {
  it('gives each way-back hop the context of its own request hop (include_usage reaches the OpenAI leg)', () => {
    const req = translateRequest('openai-chat', 'gemini', {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const s = createStreamTranslator<FormatId, FormatId>('gemini', 'openai-chat', {
      context: req.context,
      id: 'c1',
      created: 1,
    });
    const out = [...s.push(geminiChunk), ...s.end()] as unknown[];
    const usageChunk = out.find((e) => typeof e === 'object' && e !== null && 'usage' in e);
    expect(usageChunk).toMatchObject({
      id: 'c1',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
    expect(out.at(-1)).toBe('[DONE]');
  });

  it('restores rewritten tool names on the OpenAI leg of a composed response', () => {
    // "get.weather" is not a valid OpenAI name: the request hop rewrites it only for OpenAI upstreams, so
    // check the reverse: a Gemini client's call arriving from an OpenAI upstream keeps its name
    const req = translateRequest(
      'gemini',
      'openai-chat',
      {
        contents: [{ role: 'user', parts: [{ text: 'w?' }] }],
        tools: [{ functionDeclarations: [{ name: 'get.weather' }] }],
      },
      { model: 'gpt-4o' },
    );
    const tools = (req.body as { tools: { function: { name: string } }[] }).tools;
    const sent = tools[0]!.function.name;
    expect(sent).not.toBe('get.weather');
    const res = translateResponse(
      'openai-chat',
      'gemini',
      {
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            logprobs: null,
            message: {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: [{ id: 'call_1', type: 'function', function: { name: sent, arguments: '{}' } }],
            },
          },
        ],
      },
      { context: req.context, model: 'gpt-4o' },
    );
    const part = (res.body as { candidates: { content: { parts: { functionCall?: { name: string } }[] } }[] })
      .candidates[0]!.content.parts[0]!;
    expect(part.functionCall?.name).toBe('get.weather');
  });

  it('reports stream losses of both hops, the second marked', () => {
    const t = createStreamTranslator<FormatId, FormatId>('openai-chat', 'gemini', { id: 'c1', created: 1 });
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null = null,
      extra: Record<string, unknown> = {},
    ) => ({
      id: 'x',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...extra,
    });
    t.push(chunk({ role: 'assistant', content: '' }, null, { system_fingerprint: 'fp' }));
    t.push(chunk({ content: 'See a.' }));
    t.push(
      chunk({
        annotations: [
          {
            type: 'url_citation',
            url_citation: { start_index: 0, end_index: 3, url: 'https://a.example', title: 'A' },
          },
        ],
      }),
    );
    t.push(chunk({}, 'stop'));
    t.push('[DONE]');
    t.end();
    expect(t.losses).toEqual([
      { path: 'system_fingerprint', reason: 'system_fingerprint has no Anthropic equivalent' },
      {
        // the citation itself becomes Gemini grounding; the quoted text has no Gemini field
        path: 'content[0].citations[0]',
        reason: 'cited_text, encrypted_index: no Gemini grounding field (in anthropic-messages -> gemini)',
      },
    ]);
  });

  it('gives an OpenAI client the upstream 503, not the hub-only 529', () => {
    const e = translateError('gemini', 'openai-chat', {
      status: 503,
      body: { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } },
    });
    expect(e.status).toBe(503);
    expect(e.body).toEqual({ error: { message: 'overloaded', type: 'server_error', param: null, code: 'overloaded' } });
  });

  it('keeps 529 where the client speaks it, and on a direct route', () => {
    const direct = translateError('anthropic-messages', 'openai-chat', {
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'o' } },
    });
    expect(direct.status).toBe(529);
    const vertex = translateError('gemini', 'vertex-anthropic', {
      status: 503,
      body: { error: { code: 503, message: 'o', status: 'UNAVAILABLE' } },
    });
    expect(vertex.status).toBe(529);
  });
});

describe('requestToHub / requestFromHub (the gateway works on the hub body in between)', () => {
  const chat = {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'short' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://m.example/a.png' } }] },
    ],
    stream: true,
    stream_options: { include_usage: true },
  };
  const anthropic = {
    model: 'claude-x',
    max_tokens: 9,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://m.example/a.png' } }] }],
  };
  const cases: [FormatId, FormatId, unknown][] = [
    ['openai-chat', 'bedrock-converse', chat],
    ['openai-chat', 'gemini', chat],
    ['openai-chat', 'anthropic-messages', chat],
    ['anthropic-messages', 'bedrock-invoke', anthropic],
    ['anthropic-messages', 'openai-chat', anthropic],
  ];
  it.each(cases)(
    '%s -> %s: the two halves give what translateRequest gives, losses and contexts included',
    (from, to, body) => {
      const options = { model: 'm' };
      const half = requestToHub(from, to, body, options)!;
      expect(requestFromHub(half, half.body, options)).toEqual(translateRequest(from, to, body, options));
    },
  );

  it('the hub body is the Anthropic request, and what comes after it is what translateRequest makes of it', () => {
    const half = requestToHub('openai-chat', 'bedrock-converse', chat, { model: 'm' })!;
    expect(half.body).toMatchObject({
      system: 'short',
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://m.example/a.png' } }] },
      ],
    });
    const inlined = structuredClone(half.body) as typeof anthropic;
    inlined.messages[0]!.content[0]!.source = {
      type: 'base64',
      media_type: 'image/png',
      data: 'iVBORw0KGgo=',
    } as never;
    const r = requestFromHub(half, inlined, { model: 'm' });
    // the only loss is the first hop's (no max_completion_tokens)
    expect(r.losses.map((l) => l.path)).toEqual(['max_completion_tokens']);
    expect(r.body).toMatchObject({
      messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } }] }],
    });
    // the same request without the step loses the URL image
    expect(
      translateRequest<FormatId, FormatId>('openai-chat', 'bedrock-converse', chat, { model: 'm' }).losses.map(
        (l) => l.path,
      ),
    ).toContain('messages[0].content[0]');
  });

  it('no hub body between a format and itself', () => {
    expect(requestToHub('gemini', 'gemini', {}, {})).toBeUndefined();
  });
});
