import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { messageStart } from '../../../test/support/anthropic-events.js';
import { TranslationError } from '../../core/errors.js';
import type { TranslateOptions } from '../../core/options.js';
import { createAnthropicToOpenAIStream, MIRROR_TEXT_LIMIT } from './stream-to-openai.js';

const OPTS: TranslateOptions = { id: 'chatcmpl-1', created: 1700000000 };

function run(events: unknown[], options: TranslateOptions = OPTS) {
  const t = createAnthropicToOpenAIStream(options);
  const out: unknown[] = [];
  for (const e of events) out.push(...t.push(deepFreeze(e)));
  out.push(...t.end());
  return { out, losses: t.losses };
}

const start = (usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }) => messageStart(usage);
const stop = (stop_reason: string, output_tokens = 5, extra: Record<string, unknown> = {}) => [
  { type: 'message_delta', delta: { stop_reason, stop_sequence: null, ...extra }, usage: { output_tokens } },
  { type: 'message_stop' },
];
const textBlock = (index: number, ...parts: string[]) => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  ...parts.map((text) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
  { type: 'content_block_stop', index },
];

/** the chunk envelope every chunk must carry (id/created/model from the options, model from message_start) */
const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'claude-x' };
const c = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, logprobs: null, finish_reason }],
});

describe('createAnthropicToOpenAIStream', () => {
  it('translates a text stream: role first, content deltas, finish chunk, [DONE]', () => {
    const { out, losses } = run([
      start(),
      { type: 'ping' },
      ...textBlock(0, 'Hel', '', 'lo'),
      { type: 'ping' },
      ...stop('end_turn'),
    ]);
    expect(out).toEqual([
      c({ role: 'assistant', content: '' }),
      c({ content: 'Hel' }),
      c({ content: 'lo' }),
      c({}, 'stop'),
      '[DONE]',
    ]);
    expect(losses).toEqual([]);
  });

  it('takes id and model from message_start when the options do not set them', () => {
    const { out } = run([start(), ...stop('end_turn')], { created: 5 });
    expect(out[0]).toMatchObject({ id: 'chatcmpl-msg_1', model: 'claude-x', created: 5 });
    const forced = run([start(), ...stop('end_turn')], { ...OPTS, model: 'gpt-alias' }).out;
    expect(forced[0]).toMatchObject({ model: 'gpt-alias' });
  });

  it('emits the usage chunk (choices: [], same id) only when the client asked for usage', () => {
    const events = [
      start({ input_tokens: 10, cache_read_input_tokens: 4, cache_creation_input_tokens: 2, output_tokens: 1 }),
      ...textBlock(0, 'x'),
      ...stop('end_turn', 7),
    ];
    const withUsage = run(events, { ...OPTS, context: { includeUsage: true } }).out;
    expect(withUsage.at(-2)).toEqual({
      ...base,
      choices: [],
      // prompt = 10 + 4 + 2 (Anthropic input excludes cached parts); output is the cumulative message_delta value
      usage: {
        prompt_tokens: 16,
        completion_tokens: 7,
        total_tokens: 23,
        prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(withUsage.at(-1)).toBe('[DONE]');
    const without = run(events).out;
    expect(without.some((e) => typeof e === 'object' && e !== null && 'usage' in e)).toBe(false);
  });

  it('translates tool_use blocks to dense tool call indexes, restoring rewritten names', () => {
    const { out } = run(
      [
        start(),
        ...textBlock(0, 'Let me check.'),
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} },
        },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
        { type: 'content_block_stop', index: 1 },
        {
          type: 'content_block_start',
          index: 2,
          content_block: { type: 'tool_use', id: 'toolu_b', name: 'my_tool_x1', input: {} },
        },
        { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
        { type: 'content_block_stop', index: 2 },
        ...stop('tool_use'),
      ],
      { ...OPTS, context: { toolNames: { my_tool_x1: 'my.tool' } } },
    );
    expect(out.slice(2)).toEqual([
      c({
        tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      }),
      c({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      c({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      c({ tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'my.tool', arguments: '' } }] }),
      c({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      c({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('a tool call without input gets arguments "{}" when its block stops (clients JSON.parse them)', () => {
    const tool = (index: number, id: string, deltas: string[]) => [
      { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: 'now', input: {} } },
      ...deltas.map((partial_json) => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      })),
      { type: 'content_block_stop', index },
    ];
    const { out } = run([
      start(),
      ...tool(0, 'toolu_a', []),
      ...tool(1, 'toolu_b', ['']),
      ...tool(2, 'toolu_c', ['{"a":', '1}']),
      ...stop('tool_use'),
    ]);
    const args = new Map<number, string>();
    for (const chunk of out) {
      const calls =
        (chunk as { choices?: { delta?: { tool_calls?: { index: number; function?: { arguments?: string } }[] } }[] })
          .choices?.[0]?.delta?.tool_calls ?? [];
      for (const call of calls) args.set(call.index, (args.get(call.index) ?? '') + (call.function?.arguments ?? ''));
    }
    expect([...args.entries()]).toEqual([
      [0, '{}'],
      [1, '{}'],
      [2, '{"a":1}'],
    ]);
  });

  it('carries thinking as reasoning_content and content_blocks, with the signature and redacted data', () => {
    const { out, losses } = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'ENC' } },
      { type: 'content_block_stop', index: 1 },
      ...textBlock(2, 'Answer'),
      ...stop('end_turn'),
    ]);
    expect(out.slice(1, 5)).toEqual([
      c({ reasoning_content: 'Hmm.', content_blocks: [{ index: 0, delta: { thinking: 'Hmm.' } }] }),
      c({ content_blocks: [{ index: 0, delta: { signature: 'sig==' } }] }),
      c({ content_blocks: [{ index: 1, delta: { data: 'ENC' } }] }),
      // after thinking, text also goes into content_blocks, as in the non-stream message.content_blocks
      c({ content: 'Answer', content_blocks: [{ index: 2, delta: { text: 'Answer' } }] }),
    ]);
    expect(losses).toEqual([]);
  });

  it('keeps text out of content_blocks when the message has no thinking', () => {
    const { out } = run([start(), ...textBlock(0, 'Plain'), ...stop('end_turn')]);
    expect(out[1]).toEqual(c({ content: 'Plain' }));
  });

  it('maps stop reasons through the shared mapping, with the stop_sequence extension', () => {
    expect(run([start(), ...stop('max_tokens')]).out.at(-2)).toEqual(c({}, 'length'));
    expect(run([start(), ...stop('refusal')]).out.at(-2)).toEqual(c({}, 'content_filter'));
    const seq = run([
      start(),
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
        usage: { output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
    expect(seq.out.at(-2)).toEqual({
      ...base,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop', stop_sequence: 'END' }],
    });
    const pause = run([start(), ...stop('pause_turn')]);
    expect(pause.out.at(-2)).toEqual(c({}, 'stop'));
    expect(pause.losses.map((l) => l.path)).toEqual(['stop_reason']);
  });

  it('turns an error event into an OpenAI error chunk and emits nothing after it', () => {
    const { out } = run([
      start(),
      ...textBlock(0, 'partial'),
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ...stop('end_turn'),
    ]);
    expect(out.slice(2)).toEqual([
      { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } },
    ]);
  });

  it('ends with an error (never [DONE]) when the upstream stops before message_stop', () => {
    const { out } = run([start(), ...textBlock(0, 'cut')]);
    expect(out.at(-1)).toMatchObject({ error: { type: 'server_error', param: null } });
    expect(out).not.toContain('[DONE]');
    expect(run([]).out).toEqual([{ error: expect.objectContaining({ type: 'server_error' }) }]);
  });

  it('turns web-search citations into url_citation annotations over the text block, before the finish chunk', () => {
    const events = [
      start(),
      ...textBlock(0, 'Intro. '),
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      {
        type: 'content_block_delta',
        index: 1,
        delta: {
          type: 'citations_delta',
          citation: {
            type: 'web_search_result_location',
            url: 'https://a.example',
            title: 'A',
            cited_text: 'x',
            encrypted_index: 'e',
          },
        },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Cited.' } },
      { type: 'content_block_stop', index: 1 },
      ...stop('end_turn'),
    ];
    const { out, losses } = run(events);
    const citation = {
      type: 'web_search_result_location',
      url: 'https://a.example',
      title: 'A',
      cited_text: 'x',
      encrypted_index: 'e',
    };
    // the first citation starts the mirroring: the text before it goes out whole, then the citation, then text
    expect(out.slice(2, 6)).toEqual([
      c({ content_blocks: [{ index: 0, content_block: { type: 'text', text: 'Intro. ' } }] }),
      c({ content_blocks: [{ index: 1, delta: { citation } }] }),
      c({ content: 'Cited.', content_blocks: [{ index: 1, delta: { text: 'Cited.' } }] }),
      c({
        annotations: [
          {
            type: 'url_citation',
            url_citation: { start_index: 7, end_index: 13, url: 'https://a.example', title: 'A' },
          },
        ],
      }),
    ]);
    // 'Intro. ' is 7 characters, 'Cited.' is 6: the cited block is [7, 13)
    expect(out.slice(-3)).toEqual([
      c({
        annotations: [
          {
            type: 'url_citation',
            url_citation: { start_index: 7, end_index: 13, url: 'https://a.example', title: 'A' },
          },
        ],
      }),
      c({}, 'stop'),
      '[DONE]',
    ]);
    // the quoted source text and the replay index ride in the extension
    expect(losses).toEqual([]);
    // strictOpenAI: no extension, so they are lost
    const strict = run(events, { ...OPTS, strictOpenAI: true });
    expect(strict.out.filter((e) => JSON.stringify(e).includes('content_blocks'))).toEqual([]);
    expect(strict.out.slice(-3)).toEqual(out.slice(-3));
    expect(strict.losses.map((l) => l.path)).toEqual(['content[1].citations[0]']);
  });

  it('text kept for a later content_blocks is bounded: past the limit it is let go and its block is a reported loss', () => {
    const piece = 'x'.repeat(1 << 16);
    const pieces = Array.from({ length: MIRROR_TEXT_LIMIT / piece.length }, () => piece);
    const thinking = [
      { type: 'content_block_start', index: 2, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'thinking_delta', thinking: 'hm' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 2 },
    ];
    const mirrored = (out: unknown[]) =>
      out.flatMap((e) => {
        const delta = (e as { choices?: { delta?: { content_blocks?: unknown[] } }[] }).choices?.[0]?.delta;
        return delta?.content_blocks ?? [];
      });
    // exactly at the limit: both text blocks are kept and sent whole when the thinking block starts the mirroring
    const within = run([
      start(),
      ...textBlock(0, 'a'),
      ...textBlock(1, ...pieces.slice(1), 'x'.repeat(piece.length - 1)),
      ...thinking,
      ...stop('end_turn'),
    ]);
    expect(within.losses).toEqual([]);
    expect(mirrored(within.out).slice(0, 2)).toEqual([
      { index: 0, content_block: { type: 'text', text: 'a' } },
      { index: 1, content_block: { type: 'text', text: ''.concat(...pieces.slice(1), 'x'.repeat(piece.length - 1)) } },
    ]);
    // one character more: every kept text is let go; both blocks are still in content, and reported
    const past = run([start(), ...textBlock(0, 'a'), ...textBlock(1, ...pieces), ...thinking, ...stop('end_turn')]);
    expect(past.losses.map((l) => l.path)).toEqual(['content[0]', 'content[1]']);
    expect(mirrored(past.out)[0]).toEqual({ index: 2, delta: { thinking: 'hm' } });
    const content = past.out
      .map((e) => (e as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '')
      .join('');
    expect(content.length).toBe(1 + MIRROR_TEXT_LIMIT);
  });

  it('server tool blocks -> content_blocks (the block as it started, then its input), usage.server_tool_use carried', () => {
    const call = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} };
    const result = {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: [{ type: 'web_search_result', url: 'https://a.example', title: 'A', encrypted_content: 'E' }],
    };
    const events = [
      start(),
      ...textBlock(0, 'Let me look.'),
      { type: 'content_block_start', index: 1, content_block: call },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"query":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"a"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: result },
      { type: 'content_block_stop', index: 2 },
      ...textBlock(3, 'Found.'),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 5, server_tool_use: { web_search_requests: 1 } },
      },
      { type: 'message_stop' },
    ];
    const { out, losses } = run(events, { ...OPTS, context: { includeUsage: true } });
    expect(out.slice(1, 9)).toEqual([
      c({ content: 'Let me look.' }),
      c({ content_blocks: [{ index: 0, content_block: { type: 'text', text: 'Let me look.' } }] }),
      c({ content_blocks: [{ index: 1, content_block: call }] }),
      c({ content_blocks: [{ index: 1, delta: { partial_json: '{"query":' } }] }),
      c({ content_blocks: [{ index: 1, delta: { partial_json: '"a"}' } }] }),
      c({ content_blocks: [{ index: 2, content_block: result }] }),
      c({ content: 'Found.', content_blocks: [{ index: 3, delta: { text: 'Found.' } }] }),
      c({}, 'stop'),
    ]);
    expect((out[9] as { usage: Record<string, unknown> }).usage.server_tool_use).toEqual({ web_search_requests: 1 });
    expect(losses).toEqual([]);
    const strict = run(events, { ...OPTS, context: { includeUsage: true }, strictOpenAI: true });
    expect(strict.out.slice(1, 4)).toEqual([c({ content: 'Let me look.' }), c({ content: 'Found.' }), c({}, 'stop')]);
    expect((strict.out[4] as { usage: Record<string, unknown> }).usage).not.toHaveProperty('server_tool_use');
    expect(strict.losses.map((l) => l.path)).toEqual(['content[1]', 'content[2]', 'usage.server_tool_use']);
  });

  it('sends the refusal explanation as refusal and reports the category', () => {
    const { out, losses } = run([
      start(),
      ...stop('refusal', 1, { stop_details: { type: 'refusal', category: 'cyber', explanation: 'No.' } }),
    ]);
    expect(out.slice(-3)).toEqual([c({ refusal: 'No.' }), c({}, 'content_filter'), '[DONE]']);
    expect(losses.map((l) => l.path)).toEqual(['stop_details.category']);
  });

  it('reports what OpenAI cannot carry under strictOpenAI: citations, server tools, unknown events', () => {
    const { losses } = run(
      [
        start(),
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'x' } },
        },
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'y' } },
        },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":1}' } },
        { type: 'content_block_stop', index: 1 },
        { type: 'brand_new_event' },
        ...stop('end_turn', 3),
      ],
      { ...OPTS, strictOpenAI: true },
    );
    expect(losses.map((l) => l.path)).toEqual([
      'content[0].citations[0]',
      'content[0].citations[1]',
      'content[1]',
      'events.brand_new_event',
    ]);
  });

  it('throws a TranslationError in strict mode on the first loss', () => {
    const t = createAnthropicToOpenAIStream({ ...OPTS, strict: true, strictOpenAI: true });
    t.push(start());
    expect(() =>
      t.push({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 's', name: 'web_search', input: {} },
      }),
    ).toThrow(expect.objectContaining({ kind: 'loss' }));
  });

  it('rejects grammar violations with a typed error', () => {
    const t = createAnthropicToOpenAIStream(OPTS);
    expect(() => t.push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } })).toThrow(
      TranslationError,
    );
    const t2 = createAnthropicToOpenAIStream(OPTS);
    t2.push(start());
    expect(() => t2.push({ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } })).toThrow(
      /not open/,
    );
    expect(() => t2.push(start())).toThrow(/second message_start/);
    expect(() => t2.push('nonsense')).toThrow(TranslationError);
    // an event type that is not a string, even one that cannot be turned into one, is a typed error too
    for (const type of [{ toString: 0 }, 7, null]) {
      const t3 = createAnthropicToOpenAIStream(OPTS);
      t3.push(start());
      expect(() => t3.push({ type })).toThrow(/event type is not a string/);
      expect(() => createAnthropicToOpenAIStream(OPTS).push({ type })).toThrow(TranslationError);
    }
  });
});

describe('createAnthropicToOpenAIStream on real-world stream details', () => {
  it('reports usage it cannot carry: server tool requests, a non-zero cache TTL split, a non-standard tier; zeros are silent', () => {
    const { out, losses } = run(
      [
        start({
          input_tokens: 10,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          output_tokens: 1,
          service_tier: 'standard',
          server_tool_use: { web_search_requests: 0 },
        }),
        ...textBlock(0, 'x'),
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: 5, server_tool_use: { web_search_requests: 2 } },
        },
        { type: 'message_stop' },
      ],
      { ...OPTS, strictOpenAI: true },
    );
    expect(losses.map((l) => l.path)).toEqual(['usage.server_tool_use']);
    expect(out.at(-1)).toBe('[DONE]');
    const tiered = run([
      start({
        input_tokens: 1,
        output_tokens: 1,
        service_tier: 'priority',
        cache_creation: { ephemeral_1h_input_tokens: 30 },
      }),
      ...stop('end_turn'),
    ]);
    expect(tiered.losses.map((l) => l.path)).toEqual(['usage.cache_creation', 'usage.service_tier']);
  });

  it('takes input_tokens from message_delta (newer API) and overwrites, never adds', () => {
    const { out } = run(
      [
        start({ input_tokens: 0, output_tokens: 0 }),
        ...textBlock(0, 'x'),
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { input_tokens: 58, cache_read_input_tokens: 2, output_tokens: 9 },
        },
        { type: 'message_stop' },
      ],
      { ...OPTS, context: { includeUsage: true } },
    );
    expect((out.at(-2) as Record<string, unknown>).usage).toMatchObject({
      prompt_tokens: 60,
      completion_tokens: 9,
      total_tokens: 69,
    });
  });

  it('Bedrock proxies: amazon-bedrock-invocationMetrics on message_stop is a loss, the stream still ends with [DONE]', () => {
    const metrics = { inputTokenCount: 10, outputTokenCount: 5, invocationLatency: 600, firstByteLatency: 300 };
    const { out, losses } = run([
      start(),
      ...textBlock(0, 'x'),
      stop('end_turn')[0],
      { type: 'message_stop', 'amazon-bedrock-invocationMetrics': metrics },
    ]);
    expect(losses.map((l) => l.path)).toEqual(['amazon-bedrock-invocationMetrics']);
    expect(out.at(-1)).toBe('[DONE]');
  });

  it('skips an unknown delta type with a loss that keeps the block (its text still arrives)', () => {
    const { out, losses } = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_style_delta', style: { bold: true } } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'content_block_stop', index: 0 },
      ...stop('end_turn'),
    ]);
    expect(losses.map((l) => l.path)).toEqual(['content[0].deltas.text_style_delta']);
    expect(out).toContainEqual(c({ content: 'ok' }));
  });

  it('a content_block_start with text already in it sends that text', () => {
    const { out } = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      ...stop('end_turn'),
    ]);
    expect(out).toContainEqual(c({ content: 'Hi' }));
  });

  it('unknown message_delta fields and event types named like Object.prototype members are losses, not crashes', () => {
    const { out, losses } = run([
      start(),
      { type: 'toString' },
      { type: 'constructor', x: 1 },
      ...textBlock(0, 'x'),
      {
        type: 'message_delta',
        delta: { stop_reason: 'pause_turn', stop_sequence: null },
        context_management: { applied_edits: [] },
        usage: { output_tokens: 3 },
      },
      { type: 'message_stop' },
    ]);
    expect(losses.map((l) => l.path)).toEqual([
      'events.toString',
      'events.constructor',
      'context_management',
      'stop_reason',
    ]);
    expect(out.at(-2)).toEqual(c({}, 'stop'));
  });
});
