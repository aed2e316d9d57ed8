import { describe, expect, it } from 'vitest';
import { checkOpenAIChunks } from './check-openai-chunks.js';

type Chunk = Record<string, unknown> | string;

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-x' };

function chunk(delta: Record<string, unknown>, finish: string | null = null, index = 0): Record<string, unknown> {
  return { ...base, choices: [{ index, delta, finish_reason: finish, logprobs: null }], usage: null };
}

// A stream written from docs/wire-formats.md#openai-chat-stream: role chunk, content, two tool calls, finish, usage chunk, [DONE].
function validStream(): Chunk[] {
  return [
    chunk({ role: 'assistant', content: '', refusal: null }),
    chunk({ content: 'Hel' }),
    chunk({ content: 'lo' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get', arguments: '' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'put', arguments: '{}' } }] }),
    chunk({}, 'tool_calls'),
    { ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 } },
    '[DONE]',
  ];
}

function first(s: Chunk[], i: number): Record<string, unknown> {
  const c = s[i];
  if (typeof c !== 'object') throw new Error('not a chunk');
  return (c.choices as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
}

describe('checkOpenAIChunks', () => {
  it('accepts a valid stream with content, tool calls, a usage chunk and [DONE]', () => {
    expect(checkOpenAIChunks(validStream())).toEqual([]);
  });

  it('accepts two interleaved choices without a usage chunk', () => {
    const s = [
      chunk({ role: 'assistant', content: '' }, null, 0),
      chunk({ role: 'assistant', content: '' }, null, 1),
      chunk({ content: 'a' }, null, 1),
      chunk({ content: 'b' }, 'stop', 0),
      chunk({}, 'length', 1),
      '[DONE]',
    ];
    expect(checkOpenAIChunks(s)).toEqual([]);
  });

  it('accepts an {error} chunk that ends the stream without [DONE]', () => {
    const s = validStream().slice(0, 5);
    s.push({ error: { message: 'overloaded', type: 'server_error', param: null, code: null } });
    expect(checkOpenAIChunks(s)).toEqual([]);
  });

  it('reports every violation, not only the first', () => {
    const s = validStream();
    s.pop();
    s.splice(3, 0, 'oops');
    expect(checkOpenAIChunks(s).map((v) => [v.rule, v.index])).toEqual([
      ['chunk-shape', 3],
      ['done-missing', 10],
    ]);
  });

  const cases: Array<[string, (s: Chunk[]) => void, number]> = [
    ['chunk-shape', (s) => s.splice(1, 0, 'hello'), 1],
    ['chunk-shape', (s) => s.splice(1, 0, { ...base, usage: null }), 1],
    ['object', (s) => s.splice(1, 1, { ...(s[1] as object), object: 'chat.completion' }), 1],
    ['id', (s) => s.splice(2, 1, { ...(s[2] as object), id: 'chatcmpl-2' }), 2],
    ['id', (s) => s.splice(2, 1, { ...(s[2] as object), id: undefined }), 2],
    ['role-first', (s) => delete (first(s, 0).delta as Record<string, unknown>).role, 0],
    [
      'tool-call-index',
      (s) =>
        s.splice(
          6,
          1,
          chunk({
            tool_calls: [{ index: 2, id: 'call_b', type: 'function', function: { name: 'put', arguments: '{}' } }],
          }),
        ),
      6,
    ],
    [
      'tool-call-first-fragment',
      (s) =>
        s.splice(
          3,
          1,
          chunk({ tool_calls: [{ index: 0, type: 'function', function: { name: 'get', arguments: '' } }] }),
        ),
      3,
    ],
    [
      'tool-call-first-fragment',
      (s) =>
        s.splice(3, 1, chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'get', arguments: '' } }] })),
      3,
    ],
    [
      'tool-call-first-fragment',
      (s) =>
        s.splice(
          3,
          1,
          chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { arguments: '' } }] }),
        ),
      3,
    ],
    [
      'tool-call-identity',
      (s) => s.splice(4, 1, chunk({ tool_calls: [{ index: 0, id: 'call_z', function: { arguments: '{"city":' } }] })),
      4,
    ],
    [
      'tool-call-identity',
      (s) => s.splice(4, 1, chunk({ tool_calls: [{ index: 0, function: { name: 'other', arguments: '{"city":' } }] })),
      4,
    ],
    ['tool-call-arguments-json', (s) => s.splice(5, 1), 3],
    ['finish-reason-once', (s) => s.splice(8, 0, chunk({}, 'stop')), 8],
    ['finish-reason-missing', (s) => (first(s, 7).finish_reason = null), 10],
    ['delta-after-finish', (s) => s.splice(8, 0, chunk({ content: 'late' })), 8],
    [
      'warn:usage-on-finish-chunk',
      (s) =>
        s.splice(7, 2, { ...(s[7] as object), usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 } }),
      7,
    ],
    ['usage-shape', (s) => s.splice(8, 1, { ...base, choices: [], usage: { prompt_tokens: 9 } }), 8],
    [
      'usage-total',
      (s) =>
        s.splice(8, 1, { ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 17 } }),
      8,
    ],
    ['after-usage', (s) => s.splice(9, 0, { ...base, choices: [], usage: null }), 9],
    ['done-missing', (s) => s.pop(), 9],
    ['done-once', (s) => s.push('[DONE]'), 10],
    ['after-done', (s) => s.push(chunk({})), 10],
    ['after-error', (s) => s.splice(5, 0, { error: { message: 'x' } }), 6],
    ['error-shape', (s) => s.splice(5, 5, { error: { code: 1 } }), 5],
    ['warn:unknown-finish-reason', (s) => (first(s, 7).finish_reason = 'bored'), 7],
  ];

  for (const [rule, mutate, index] of cases) {
    it(`reports ${rule} and nothing else`, () => {
      const s = validStream();
      mutate(s);
      const violations = checkOpenAIChunks(s);
      expect(violations.map((v) => v.rule)).toEqual([rule]);
      expect(violations[0]?.index).toBe(index);
    });
  }

  it('reports usage on a chunk that does not finish its choices (and the chunks after it)', () => {
    const s = validStream();
    s.splice(6, 1, { ...(s[6] as object), usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 } });
    s.splice(8, 1);
    expect(checkOpenAIChunks(s).map((v) => [v.rule, v.index])).toEqual([
      ['usage-chunk-shape', 6],
      ['after-usage', 7],
    ]);
  });

  it('reports a stream without choices', () => {
    expect(checkOpenAIChunks(['[DONE]']).map((v) => v.rule)).toEqual(['choice-missing']);
  });
});
