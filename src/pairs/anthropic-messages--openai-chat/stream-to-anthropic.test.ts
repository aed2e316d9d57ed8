import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import type { TranslateOptions } from '../../core/options.js';
import { createOpenAIToAnthropicStream } from './stream-to-anthropic.js';

const OPTS: TranslateOptions = { id: 'msg_1', created: 1700000000 };

function run(events: unknown[], options: TranslateOptions = OPTS) {
  const t = createOpenAIToAnthropicStream(options);
  const out: Record<string, unknown>[] = [];
  for (const e of events) out.push(...t.push(deepFreeze(e)));
  out.push(...t.end());
  return { out, losses: t.losses, types: out.map((e) => e.type) };
}

const head = { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const ch = (
  delta: Record<string, unknown>,
  finish_reason: string | null = null,
  extra: Record<string, unknown> = {},
) => ({
  ...head,
  choices: [{ index: 0, delta, logprobs: null, finish_reason }],
  ...extra,
});
const usageChunk = (prompt_tokens: number, completion_tokens: number) => ({
  ...head,
  choices: [],
  usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
});

const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'gpt-4o',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  },
};
const textDelta = (index: number, text: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text },
});
const jsonDelta = (index: number, partial_json: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json },
});

describe('createOpenAIToAnthropicStream', () => {
  it('translates a text stream with the usage chunk after the finish chunk', () => {
    const { out, losses } = run([
      ch({ role: 'assistant', content: '', refusal: null }, null, { usage: null, obfuscation: 'abc' }),
      ch({ content: 'Hel' }, null, { usage: null, obfuscation: 'x' }),
      ch({ content: 'lo' }, null, { usage: null }),
      ch({}, 'stop', { usage: null }),
      usageChunk(12, 3),
      '[DONE]',
    ]);
    expect(out).toEqual([
      messageStart,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      textDelta(0, 'Hel'),
      textDelta(0, 'lo'),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 3 },
      },
      { type: 'message_stop' },
    ]);
    expect(losses).toEqual([]);
  });

  it('reads chunks without id, object, created or model (OpenAI-compatible servers leave them out)', () => {
    const bare = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
      choices: [{ index: 0, delta, finish_reason }],
    });
    const { out } = run([bare({ role: 'assistant' }), bare({ content: 'Hi' }), bare({}, 'stop')], {});
    const start = out[0] as { type: string; message: { id: string } };
    expect(start.type).toBe('message_start');
    expect(start.message.id).toMatch(/^msg_/);
    const text = out
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (e.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Hi');
    expect(out.at(-1)).toEqual({ type: 'message_stop' });
  });

  it('keeps the last argument piece that comes on the finish_reason chunk', () => {
    const { out } = run([
      ch({
        role: 'assistant',
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } }],
      }),
      ch({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, 'tool_calls'),
      usageChunk(3, 4),
    ]);
    const args = out
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (e.delta as { partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(args)).toEqual({ a: 1 });
  });

  it('flushes at [DONE] or at the end when no usage chunk comes, and opens no block for empty content', () => {
    const a = run([ch({ role: 'assistant', content: '' }), ch({}, 'stop'), '[DONE]']);
    expect(a.types).toEqual(['message_start', 'message_delta', 'message_stop']);
    const b = run([ch({ role: 'assistant' }), ch({ content: 'x' }), ch({}, 'length')]);
    expect(b.types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(b.out.at(-2)).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });

  it('keeps content that arrives in the same chunk as finish_reason, and usage in that chunk', () => {
    const { out } = run([
      ch({ role: 'assistant', content: 'All' }),
      ch({ content: ' done' }, 'stop', { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
    ]);
    expect(out.filter((e) => e.type === 'content_block_delta')).toEqual([textDelta(0, 'All'), textDelta(0, ' done')]);
    expect(out.at(-2)).toMatchObject({ usage: { input_tokens: 5, output_tokens: 2 } });
  });

  it('turns tool call fragments into tool_use blocks (name and arguments in one chunk too)', () => {
    const { out } = run(
      [
        ch({ role: 'assistant', content: null }),
        ch({
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
        }),
        ch({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        ch({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        ch({}, 'tool_calls'),
        '[DONE]',
      ],
      { ...OPTS, context: { toolNames: { get_weather: 'weather.get' } } },
    );
    expect(out.slice(1)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'call_a', name: 'weather.get', input: {} },
      },
      jsonDelta(0, '{"city":'),
      jsonDelta(0, '"Paris"}'),
      { type: 'content_block_stop', index: 0 },
      expect.objectContaining({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null } }),
      { type: 'message_stop' },
    ]);
    const single = run([
      ch({
        role: 'assistant',
        tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      }),
      ch({}, 'tool_calls'),
    ]);
    expect(single.out.slice(1, 4)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'c1', name: 'f', input: {} } },
      jsonDelta(0, '{"a":1}'),
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('keeps blocks sequential when parallel calls interleave: later calls are buffered until the tools end', () => {
    const { out } = run([
      ch({ role: 'assistant', content: 'Checking.' }),
      ch({ tool_calls: [{ index: 0, id: 'c0', type: 'function', function: { name: 'a', arguments: '{"x":' } }] }),
      ch({ tool_calls: [{ index: 1, id: 'c1', type: 'function', function: { name: 'b', arguments: '{"y":' } }] }),
      ch({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      ch({ tool_calls: [{ index: 1, function: { arguments: '2}' } }] }),
      ch({}, 'tool_calls'),
    ]);
    expect(out.slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      textDelta(0, 'Checking.'),
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'c0', name: 'a', input: {} } },
      jsonDelta(1, '{"x":'),
      jsonDelta(1, '1}'),
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'c1', name: 'b', input: {} } },
      jsonDelta(2, '{"y":2}'),
      { type: 'content_block_stop', index: 2 },
    ]);
  });

  it("text after a tool call opens a block of its own, at the next index (never the tool block's)", () => {
    const { out } = run([
      ch({
        role: 'assistant',
        tool_calls: [{ index: 0, id: 'c0', type: 'function', function: { name: 'a', arguments: '{}' } }],
      }),
      ch({ content: 'Done.' }),
      ch({}, 'tool_calls'),
    ]);
    expect(out.slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'c0', name: 'a', input: {} } },
      jsonDelta(0, '{}'),
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      textDelta(1, 'Done.'),
      { type: 'content_block_stop', index: 1 },
    ]);
  });

  it('handles several complete calls in one chunk (Mistral style)', () => {
    const { out } = run([
      ch(
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { index: 0, id: 'A', type: 'function', function: { name: 'f', arguments: '{}' } },
            { index: 1, id: 'B', type: 'function', function: { name: 'g', arguments: '{"k":true}' } },
          ],
        },
        'tool_calls',
      ),
    ]);
    expect(
      out.filter((e) => e.type === 'content_block_start').map((e) => (e.content_block as { id: string }).id),
    ).toEqual(['A', 'B']);
    expect(out.filter((e) => e.type === 'content_block_delta')).toEqual([
      jsonDelta(0, '{}'),
      jsonDelta(1, '{"k":true}'),
    ]);
  });

  it('maps reasoning_content (DeepSeek) and reasoning (Groq) to a thinking block without inventing a signature', () => {
    for (const key of ['reasoning_content', 'reasoning']) {
      const { out } = run([
        ch({ role: 'assistant', [key]: 'Let me ' }),
        ch({ [key]: 'think.' }),
        ch({ content: 'Hi' }),
        ch({}, 'stop'),
      ]);
      expect(out.slice(1, 8)).toEqual([
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
        textDelta(1, 'Hi'),
        { type: 'content_block_stop', index: 1 },
      ]);
      expect(out.some((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta')).toBe(false);
    }
  });

  it('reads the content_blocks extension: signature before stop, redacted blocks, mirrored reasoning_content ignored', () => {
    const { out, losses } = run([
      ch({ role: 'assistant', content: '' }),
      ch({ reasoning_content: 'Hmm.', content_blocks: [{ index: 0, delta: { thinking: 'Hmm.' } }] }),
      ch({ content_blocks: [{ index: 0, delta: { signature: 'sig==' } }] }),
      ch({ content_blocks: [{ index: 1, delta: { data: 'ENC' } }] }),
      ch({ content: 'Answer' }),
      ch({}, 'stop'),
    ]);
    expect(out.slice(1, 10)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'ENC' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      textDelta(2, 'Answer'),
      { type: 'content_block_stop', index: 2 },
    ]);
    expect(losses).toEqual([]);
  });

  it('carries refusal text as stop_details.explanation and stops with refusal', () => {
    const { out } = run([
      ch({ role: 'assistant', content: null, refusal: '' }),
      ch({ refusal: "I can't " }),
      ch({ refusal: 'help.' }),
      ch({}, 'stop'),
    ]);
    expect(out.map((e) => e.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(out.at(-2)).toMatchObject({
      delta: {
        stop_reason: 'refusal',
        stop_sequence: null,
        stop_details: { type: 'refusal', category: null, explanation: "I can't help." },
      },
    });
    expect(run([ch({ content: 'x' }), ch({}, 'content_filter')]).out.at(-2)).toMatchObject({
      delta: { stop_reason: 'refusal' },
    });
  });

  it('turns url_citation annotations into citations_delta on the open text block', () => {
    const { out, losses } = run([
      ch({ role: 'assistant', content: 'See ' }),
      ch({ content: 'this.' }),
      ch({
        annotations: [
          {
            type: 'url_citation',
            url_citation: { start_index: 4, end_index: 9, url: 'https://b.example', title: 'B' },
          },
        ],
      }),
      ch({}, 'stop'),
    ]);
    expect(out).toContainEqual({
      type: 'content_block_delta',
      index: 0,
      delta: {
        type: 'citations_delta',
        citation: {
          type: 'web_search_result_location',
          cited_text: 'this.',
          url: 'https://b.example',
          title: 'B',
          encrypted_index: '',
        },
      },
    });
    expect(losses).toEqual([]);
  });

  it('uses the stop_sequence extension on the choice', () => {
    const { out } = run([
      ch({ content: 'a' }),
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop', stop_sequence: 'END' }] },
    ]);
    expect(out.at(-2)).toMatchObject({ delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' } });
  });

  it('turns an error chunk into an Anthropic error event and emits nothing after it', () => {
    const { out } = run([
      ch({ role: 'assistant', content: 'part' }),
      { error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } },
      ch({ content: 'more' }),
      ch({}, 'stop'),
    ]);
    expect(out.slice(3)).toEqual([
      { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limit reached' } },
    ]);
    const server = run([{ error: { message: 'boom', type: 'server_error', param: null, code: null } }]);
    expect(server.out).toEqual([{ type: 'error', error: { type: 'api_error', message: 'boom' } }]);
  });

  it('a bare end after finish_reason: a cut stream when include_usage was asked (context.stream), else a clean stop', () => {
    const chunks = [ch({ role: 'assistant', content: 'hi' }), ch({}, 'stop')];
    const asked = run(chunks, { ...OPTS, context: { stream: true } });
    expect(asked.types.at(-1)).toBe('error');
    expect(asked.types).not.toContain('message_stop');
    // with the usage chunk or [DONE] the same stream ends cleanly
    expect(run([...chunks, usageChunk(3, 1)], { ...OPTS, context: { stream: true } }).types.at(-1)).toBe(
      'message_stop',
    );
    expect(run([...chunks, '[DONE]'], { ...OPTS, context: { stream: true } }).types.at(-1)).toBe('message_stop');
    expect(run(chunks).types.at(-1)).toBe('message_stop');
  });

  it('never ends cleanly without a finish_reason', () => {
    const a = run([ch({ role: 'assistant', content: 'cut' })]);
    expect(a.types.at(-1)).toBe('error');
    expect(a.types).not.toContain('message_stop');
    const b = run([ch({ role: 'assistant', content: 'cut' }), '[DONE]']);
    expect(b.types.at(-1)).toBe('error');
    expect(run([]).types).toEqual(['error']);
  });

  it('reports what Anthropic cannot carry: other choices, logprobs, unknown delta keys', () => {
    const { losses } = run([
      {
        ...head,
        system_fingerprint: 'fp_1',
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: 'a', audio: { id: 'x' } },
            logprobs: { content: [] },
            finish_reason: null,
          },
        ],
      },
      { ...head, choices: [{ index: 1, delta: { content: 'b' }, finish_reason: null }] },
      ch({}, 'stop'),
    ]);
    expect(losses.map((l) => l.path)).toEqual([
      'system_fingerprint',
      'choices[0].logprobs',
      'choices[0].delta.audio',
      'choices[1]',
    ]);
  });

  it('uses options.model and options.id over the chunk values', () => {
    const { out } = run([ch({ content: 'a' }), ch({}, 'stop')], { id: 'msg_x', model: 'claude-alias' });
    expect(out[0]).toMatchObject({ message: { id: 'msg_x', model: 'claude-alias' } });
    expect(run([ch({ content: 'a' }), ch({}, 'stop')], {}).out[0]).toMatchObject({
      message: { id: 'msg_chatcmpl-9', model: 'gpt-4o' },
    });
  });

  it('reports custom tool calls as a loss and carries the rest', () => {
    const { out, losses } = run([
      ch({
        role: 'assistant',
        tool_calls: [{ index: 0, id: 'ct', type: 'custom', custom: { name: 'grammar', input: 'x' } }],
      }),
      ch({ tool_calls: [{ index: 1, id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
      ch({}, 'tool_calls'),
    ]);
    expect(losses.map((l) => l.path)).toEqual(['choices[0].delta.tool_calls[0]']);
    expect(out.filter((e) => e.type === 'content_block_start')).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'c1', name: 'f', input: {} } },
    ]);
  });

  it('rejects garbage with a typed error', () => {
    const t = createOpenAIToAnthropicStream(OPTS);
    expect(() => t.push(42)).toThrow(TranslationError);
    const t2 = createOpenAIToAnthropicStream(OPTS);
    expect(() =>
      t2.push({
        ...head,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: '{}' } }] },
            finish_reason: 'tool_calls',
          },
        ],
      }),
    ).toThrow(/no function name/);
  });
});

describe('createOpenAIToAnthropicStream on OpenAI-compatible providers', () => {
  const tool = (
    index: number | undefined,
    id: string | undefined,
    name: string | undefined,
    args: string,
    extra: Record<string, unknown> = {},
  ) => ({
    ...(index === undefined ? {} : { index }),
    ...(id === undefined ? {} : { id }),
    function: { ...(name === undefined ? {} : { name }), arguments: args },
    ...extra,
  });
  const starts = (out: Record<string, unknown>[]) =>
    out.filter((e) => e.type === 'content_block_start').map((e) => e.content_block);
  const args = (out: Record<string, unknown>[]) =>
    out
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => [e.index, (e.delta as Record<string, unknown>).partial_json]);

  it('Azure: a leading choices:[] chunk with empty id/model does not start the message; its filter results are a loss', () => {
    const azureHead = {
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
    };
    const { out, losses } = run([azureHead, ch({ role: 'assistant', content: 'Hi' }), ch({}, 'stop')], {});
    // before: message_start came from the Azure chunk: id "msg_", model ""
    expect(out[0]).toMatchObject({ type: 'message_start', message: { id: 'msg_chatcmpl-9', model: 'gpt-4o' } });
    expect(losses.map((l) => l.path)).toEqual(['prompt_filter_results']);
  });

  it('Azure: content_filter_results on a choice after finish_reason is reported, an empty one is not', () => {
    const verdict = { hate: { filtered: false, severity: 'safe' } };
    const { losses, types } = run([
      {
        ...head,
        choices: [
          { index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null, content_filter_results: {} },
        ],
      },
      ch({}, 'stop'),
      { ...head, id: '', choices: [{ index: 0, finish_reason: null, content_filter_results: verdict }] },
      usageChunk(3, 1),
    ]);
    expect(losses.map((l) => l.path)).toEqual(['choices[0].content_filter_results']);
    expect(types.at(-1)).toBe('message_stop');
  });

  it('Gemini: several complete calls without index in one chunk become separate tool_use blocks', () => {
    const { out, losses } = run([
      ch(
        {
          role: 'assistant',
          tool_calls: [
            { ...tool(undefined, 'function-call-1', 'get_weather', '{"city":"Paris"}'), type: 'function' },
            { ...tool(undefined, 'function-call-2', 'get_weather', '{"city":"London"}'), type: 'function' },
          ],
        },
        'tool_calls',
      ),
    ]);
    // before: both mapped to index 0, one block with the two argument objects concatenated
    expect(starts(out)).toEqual([
      { type: 'tool_use', id: 'function-call-1', name: 'get_weather', input: {} },
      { type: 'tool_use', id: 'function-call-2', name: 'get_weather', input: {} },
    ]);
    expect(args(out)).toEqual([
      [0, '{"city":"Paris"}'],
      [1, '{"city":"London"}'],
    ]);
    expect(losses).toEqual([]);
  });

  it('vLLM: fragments without index continue the call with the same id, or the last call when the id is ""', () => {
    const { out } = run([
      ch({ role: 'assistant', content: null, tool_calls: [tool(undefined, 'call-a', 'f', '')] }),
      ch({ role: 'assistant', content: null, tool_calls: [tool(undefined, 'call-a', undefined, '{"x":')] }),
      ch({ role: 'assistant', content: null, tool_calls: [tool(undefined, '', undefined, '1}')] }),
      ch({ role: 'assistant', content: null, tool_calls: [tool(undefined, 'call-b', 'g', '{}')] }),
      ch({ role: 'assistant', content: null }, 'tool_calls'),
    ]);
    expect(starts(out)).toEqual([
      { type: 'tool_use', id: 'call-a', name: 'f', input: {} },
      { type: 'tool_use', id: 'call-b', name: 'g', input: {} },
    ]);
    expect(args(out)).toEqual([
      [0, '{"x":'],
      [0, '1}'],
      [1, '{}'],
    ]);
  });

  it('an empty id on the first fragment is not an id', () => {
    const { out } = run([
      ch({ tool_calls: [{ index: 0, id: '', type: 'function', function: { name: 'f', arguments: '' } }] }),
      ch({}, 'tool_calls'),
    ]);
    // before: tool_use id "" (rejected by Anthropic when replayed)
    expect(starts(out)).toEqual([{ type: 'tool_use', id: 'toolu_0', name: 'f', input: {} }]);
  });

  it('unknown tool-call fields (Gemini extra_content thought signatures) are a loss', () => {
    const { losses } = run([
      ch({ tool_calls: [{ ...tool(0, 'c1', 'f', '{}'), extra_content: { google: { thought_signature: 'sig' } } }] }),
      ch({}, 'tool_calls'),
    ]);
    expect(losses.map((l) => l.path)).toEqual(['choices[0].delta.tool_calls[0].extra_content']);
  });

  it('Ollama: finish_reason stop after tool calls is tool_use; usage on every chunk ends at the finish chunk', () => {
    const u = (n: number) => ({ usage: { prompt_tokens: 10, completion_tokens: n, total_tokens: 10 + n } });
    const { out } = run([
      ch({ role: 'assistant', content: '' }, null, u(1)),
      ch(
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'call_1', index: 0, type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        null,
        u(5),
      ),
      ch({ role: 'assistant', content: '' }, 'stop', u(6)),
    ]);
    expect(out.at(-2)).toMatchObject({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use' },
      usage: { input_tokens: 10, output_tokens: 6 },
    });
  });

  it('Together: finish_reason eos is end_turn; choice text mirroring delta.content is not a loss, token_id and seed are', () => {
    const t = (content: string, finish: string | null, seed: number | null) => ({
      ...head,
      choices: [
        {
          index: 0,
          text: content,
          logprobs: null,
          finish_reason: finish,
          seed,
          delta: { token_id: 7, role: 'assistant', content, tool_calls: null },
        },
      ],
    });
    const { out, losses } = run([t('Hi', null, null), t('', 'eos', 42)]);
    expect(out.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
    expect(losses.map((l) => l.path)).toEqual(['choices[0].delta.token_id', 'choices[0].seed']);
  });

  it('an unknown finish_reason is a loss (sent as end_turn)', () => {
    const { out, losses } = run([ch({ content: 'x' }, 'recitation')]);
    expect(out.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(losses.map((l) => l.path)).toEqual(['choices[0].finish_reason']);
  });

  it('OpenRouter: usage cost fields are losses; zero-valued standard details are not', () => {
    const usage = {
      prompt_tokens: 4,
      completion_tokens: 2,
      total_tokens: 6,
      cost: 0.0001,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, image_tokens: 3 },
    };
    const { losses } = run([ch({ content: 'x' }), ch({}, 'stop'), { ...head, choices: [], usage }]);
    expect(losses.map((l) => l.path)).toEqual(['usage.cost', 'usage.completion_tokens_details.image_tokens']);
  });

  it('usage with only total_tokens is a loss (it cannot be split)', () => {
    const { losses } = run([ch({ content: 'x' }), ch({}, 'stop', { usage: { total_tokens: 9 } })]);
    expect(losses.map((l) => l.path)).toEqual(['usage.total_tokens']);
  });

  it('no [DONE] after the finish chunk still ends cleanly; no finish_reason still ends in an error', () => {
    expect(run([ch({ content: 'x' }), ch({}, 'stop')]).types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(run([ch({ content: 'x' })]).types.at(-1)).toBe('error');
    // only a preamble chunk: never a message_start followed by a clean end
    expect(run([{ choices: [], id: '', model: '', object: '', prompt_filter_results: [] }]).types).toEqual(['error']);
  });
});

describe('createOpenAIToAnthropicStream: delta.content as typed parts (Mistral reasoning models)', () => {
  const thinkingPart = (text: string) => ({ type: 'thinking', thinking: [{ type: 'text', text }] });

  it('thinking parts become one unsigned thinking block, text parts the text block after it', () => {
    const { out, losses } = run([
      ch({ role: 'assistant', content: [thinkingPart('17*23: ')] }),
      ch({ content: [thinkingPart('391.')] }),
      ch({ content: [{ type: 'text', text: '17 × 23' }] }),
      ch({ content: [{ type: 'text', text: ' = 391.' }] }),
      ch({ content: '' }, 'stop'),
      usageChunk(10, 20),
    ]);
    expect(losses).toEqual([]);
    expect(out.slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '17*23: ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '391.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      textDelta(1, '17 × 23'),
      textDelta(1, ' = 391.'),
      { type: 'content_block_stop', index: 1 },
    ]);
  });

  it('a string thinking, and a text and a thinking part in one delta, keep their order', () => {
    const { out } = run([
      ch(
        {
          content: [
            { type: 'thinking', thinking: 'hm' },
            { type: 'text', text: 'ok' },
          ],
        },
        'stop',
      ),
    ]);
    expect(
      out.filter((e) => e.type === 'content_block_start').map((e) => (e.content_block as { type: string }).type),
    ).toEqual(['thinking', 'text']);
  });

  it('parts of other kinds are reported with their path, never dropped in silence', () => {
    const { out, losses } = run([
      ch({ content: [{ type: 'reference', reference_ids: [1] }] }),
      ch({
        content: [
          {
            type: 'thinking',
            thinking: [
              { type: 'image', url: 'x' },
              { type: 'text', text: 'a' },
            ],
          },
        ],
      }),
      ch({ content: { text: 'odd' } }, 'stop'),
    ]);
    expect(losses.map((l) => l.path)).toEqual([
      'choices[0].delta.content[0]',
      'choices[0].delta.content[0].thinking[0]',
      'choices[0].delta.content',
    ]);
    expect(out.filter((e) => e.type === 'content_block_delta')).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'a' } },
    ]);
  });
});
