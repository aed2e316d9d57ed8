import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { openaiResponseToAnthropic } from './response-to-anthropic.js';

const run = (body: unknown, opts = {}) => openaiResponseToAnthropic(deepFreeze(body), opts);
const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
const resp = (message: Record<string, unknown>, finish: unknown = 'stop', extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-x',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', refusal: null, ...message },
      finish_reason: finish,
      logprobs: null,
      ...extra,
    },
  ],
  usage,
});

describe('openaiResponseToAnthropic', () => {
  it('text response', () => {
    const r = run(resp({ content: 'Hello' }));
    expect(r.body).toEqual({
      id: 'msg_chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-x',
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(r.losses).toEqual([]);
  });

  it('tool calls -> tool_use (parsed, names restored); unparsable args -> {} + loss', () => {
    const r = run(
      resp(
        {
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'x_abc', arguments: '{"a":1}' } },
            { id: 'call_2', type: 'function', function: { name: 'b', arguments: '{bad' } },
          ],
        },
        'tool_calls',
      ),
      { context: { toolNames: { x_abc: 'x.y' } } },
    );
    expect(r.body.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'x.y', input: { a: 1 } },
      { type: 'tool_use', id: 'call_2', name: 'b', input: {} },
    ]);
    expect(r.body).toMatchObject({ stop_reason: 'tool_use' });
    expect(r.losses.map((l) => l.path)).toEqual(['choices[0].message.tool_calls[1].function.arguments']);
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['stop', 'end_turn'],
  ])('finish_reason %s -> %s', (f, s) => {
    expect(run(resp({ content: 'x' }, f)).body).toMatchObject({ stop_reason: s });
  });

  it('choice.stop_sequence extension -> stop_sequence', () => {
    expect(run(resp({ content: 'x' }, 'stop', { stop_sequence: '###' })).body).toMatchObject({
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
    });
  });

  it('refusal -> stop_reason refusal with stop_details', () => {
    const r = run(resp({ content: null, refusal: 'No.' }));
    expect(r.body).toMatchObject({
      content: [],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: null, explanation: 'No.' },
    });
  });

  it('content_blocks -> thinking blocks with signatures; reasoning_content -> thinking with empty signature', () => {
    const a = run(
      resp({
        content: 'answer',
        content_blocks: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'answer' },
        ],
      }),
    );
    expect(a.body.content).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'answer' },
    ]);
    const d = run(resp({ content: 'answer', reasoning_content: 'think' }));
    expect(d.body.content).toEqual([
      { type: 'thinking', thinking: 'think', signature: '' },
      { type: 'text', text: 'answer' },
    ]);
    const g = run(resp({ content: 'answer', reasoning: 'groq think' }));
    expect((g.body.content as unknown as unknown[])[0]).toEqual({
      type: 'thinking',
      thinking: 'groq think',
      signature: '',
    });
  });

  it('Mistral-style content array with thinking chunks -> thinking (empty signature) + text', () => {
    const r = run(
      resp({
        content: [
          {
            type: 'thinking',
            thinking: [
              { type: 'text', text: 'step 1. ' },
              { type: 'text', text: 'step 2.' },
            ],
          },
          { type: 'text', text: 'Result' },
          { type: 'reference', reference_ids: [1] },
        ],
      }),
    );
    expect(r.body.content).toEqual([
      { type: 'thinking', thinking: 'step 1. step 2.', signature: '' },
      { type: 'text', text: 'Result' },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['choices[0].message.content[2]']);
  });

  it('usage with cached tokens and reasoning tokens', () => {
    const r = run({
      ...resp({ content: 'x' }),
      usage: {
        prompt_tokens: 1105,
        completion_tokens: 9,
        total_tokens: 1114,
        prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 100 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    });
    expect(r.body.usage).toEqual({
      input_tokens: 5,
      output_tokens: 9,
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 1000,
      output_tokens_details: { thinking_tokens: 4 },
    });
  });

  it('url_citation annotations -> web_search_result_location citations', () => {
    const r = run(
      resp({
        content: 'Intro. Fact.',
        annotations: [
          { type: 'url_citation', url_citation: { start_index: 7, end_index: 12, url: 'https://e.x', title: 'E' } },
        ],
      }),
    );
    expect(r.body.content).toEqual([
      {
        type: 'text',
        text: 'Intro. Fact.',
        citations: [
          {
            type: 'web_search_result_location',
            cited_text: 'Fact.',
            url: 'https://e.x',
            title: 'E',
            encrypted_index: '',
          },
        ],
      },
    ]);
  });

  it('extra choices, logprobs, system_fingerprint are losses', () => {
    const body = resp({ content: 'x' }, 'stop', { logprobs: { content: [] } });
    const r = run({
      ...body,
      system_fingerprint: 'fp',
      choices: [...body.choices, { index: 1, message: { role: 'assistant', content: 'y' }, finish_reason: 'stop' }],
    });
    expect(r.losses.map((l) => l.path)).toEqual(['system_fingerprint', 'choices[1]', 'choices[0].logprobs']);
  });

  it('bad input -> TranslationError', () => {
    expect(() => run('x')).toThrow(TranslationError);
    expect(() => run({ choices: 'x' })).toThrow(TranslationError);
    expect(() => run({ choices: [{ message: 5 }] })).toThrow(TranslationError);
    expect(() => run({ choices: [{ message: { content: 5 } }] })).toThrow(TranslationError);
    expect(() => run({ choices: [{ message: { content: [7] } }] })).toThrow(TranslationError);
    expect(() => run({ choices: [{ message: { tool_calls: [{ id: 1 }] } }] })).toThrow(TranslationError);
  });
});

describe('openaiResponseToAnthropic on OpenAI-compatible providers', () => {
  const paths = (r: { losses: { path: string }[] }) => r.losses.map((l) => l.path);

  it('null / empty fields carry nothing (vLLM stop_reason: null, Together prompt: []); valued unknown ones are losses', () => {
    // before: every unknown key was a loss, null ones included
    expect(
      paths(run({ ...resp({ content: 'x' }, 'stop', { stop_reason: null }), prompt: [], prompt_logprobs: null })),
    ).toEqual([]);
    expect(paths(run({ ...resp({ content: 'x' }, 'stop', { seed: 42 }), provider: 'Google' }))).toEqual([
      'provider',
      'choices[0].seed',
    ]);
  });

  it("Gemini: a tool call's extra_content (thought signature) is a loss; Ollama's index is not", () => {
    const r = run(
      resp(
        {
          content: null,
          tool_calls: [
            {
              id: 'function-call-1',
              index: 0,
              type: 'function',
              function: { name: 'f', arguments: '{}' },
              extra_content: { google: { thought_signature: 's' } },
            },
          ],
        },
        'tool_calls',
      ),
    );
    expect(paths(r)).toEqual(['choices[0].message.tool_calls[0].extra_content']);
    expect(r.body.content).toEqual([{ type: 'tool_use', id: 'function-call-1', name: 'f', input: {} }]);
  });

  it('Ollama: arguments as an object are taken as the input; finish_reason stop with calls is tool_use', () => {
    const r = run(
      resp({
        content: '',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: { city: 'Paris' } } }],
      }),
    );
    expect(r.body.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'f', input: { city: 'Paris' } }]);
    expect(r.body.stop_reason).toBe('tool_use');
    expect(r.losses).toEqual([]);
  });

  it('finish_reason eos (Together) and null (vLLM) are end_turn without loss; an unknown one is a loss', () => {
    expect(run(resp({ content: 'x' }, 'eos'))).toMatchObject({ body: { stop_reason: 'end_turn' }, losses: [] });
    expect(run(resp({ content: 'x' }, null))).toMatchObject({ body: { stop_reason: 'end_turn' }, losses: [] });
    const r = run(resp({ content: 'x' }, 'recitation'));
    expect(r.body.stop_reason).toBe('end_turn');
    expect(paths(r)).toEqual(['choices[0].finish_reason']);
  });

  it('usage it cannot carry is a loss: cost (OpenRouter), a total without its parts; a missing usage is zeros', () => {
    const cost = run({ ...resp({ content: 'x' }), usage: { ...usage, cost: 0.01, is_byok: false } });
    expect(paths(cost)).toEqual(['usage.cost']);
    const total = run({ ...resp({ content: 'x' }), usage: { total_tokens: 31 } });
    expect(paths(total)).toEqual(['usage.total_tokens']);
    const { usage: _, ...noUsage } = resp({ content: 'x' });
    expect(run(noUsage)).toMatchObject({ body: { usage: { input_tokens: 0, output_tokens: 0 } }, losses: [] });
  });
});
