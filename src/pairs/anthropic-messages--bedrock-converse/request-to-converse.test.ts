import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { anthropicRequestToConverse } from './request-to-converse.js';

const BASE = { model: 'anthropic.claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('Anthropic request -> Converse request', () => {
  it('the anthropic-beta names of the context go to additionalModelRequestFields.anthropic_beta', () => {
    const r = anthropicRequestToConverse(deepFreeze({ ...BASE, top_k: 3 }), {
      context: { anthropicBeta: 'interleaved-thinking-2025-05-14, context-1m-2025-08-07' },
    });
    expect(r.body.additionalModelRequestFields).toEqual({
      top_k: 3,
      anthropic_beta: ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'],
    });
    expect(r.losses).toEqual([]);
    expect(anthropicRequestToConverse(deepFreeze(BASE)).body.additionalModelRequestFields).toBeUndefined();
  });

  it('a tool_choice without tools is not sent, reported', () => {
    const r = anthropicRequestToConverse(deepFreeze({ ...BASE, tool_choice: { type: 'auto' } }));
    expect(r.body.toolConfig).toBeUndefined();
    expect(r.losses).toEqual([{ path: 'tool_choice', reason: expect.stringContaining('without tools') }]);
  });

  it('tool_choice of type tool needs a name', () => {
    const body = deepFreeze({
      ...BASE,
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool' },
    });
    expect(() => anthropicRequestToConverse(body)).toThrow(TranslationError);
  });

  it('non-text blocks of a system-role message are reported, its text kept in system', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        ...BASE,
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'Rules.' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            ],
          },
          { role: 'user', content: 'Hi' },
        ],
      }),
    );
    expect(r.body.system).toEqual([{ text: 'Rules.' }]);
    expect(r.body.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
    expect(r.losses).toEqual([{ path: 'messages[0].content', reason: expect.stringContaining('block 1') }]);
  });

  it('tool_choice none without tool blocks in the history: toolConfig omitted, reported at tool_choice and at tools', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({ ...BASE, tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'none' } }),
    );
    expect(r.body.toolConfig).toBeUndefined();
    expect(r.losses).toEqual([
      { path: 'tool_choice', reason: expect.stringContaining('no "none" tool choice') },
      { path: 'tools', reason: expect.stringContaining('not sent') },
    ]);
  });

  it('tool_choice none with tool blocks in the history keeps the tools: only tool_choice is reported', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        ...BASE,
        tools: [{ name: 'f', input_schema: { type: 'object' } }],
        tool_choice: { type: 'none' },
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r' }] },
        ],
      }),
    );
    expect(r.body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }],
    });
    expect(r.losses.map((l) => l.path)).toEqual(['tool_choice']);
  });

  it('a first user turn of URL images only is sent as a note (never as empty content); both losses reported', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        ...BASE,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'go' },
        ],
      }),
    );
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ text: '[omitted: image https://example.com/a.png]' }] },
      { role: 'assistant', content: [{ text: 'ok' }] },
      { role: 'user', content: [{ text: 'go' }] },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[0]', 'messages[0]']);
  });

  it('blank text is never sent: it joins the text next to it, else it is dropped (reported); an emptied last user turn becomes a note', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        ...BASE,
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: '\n' },
        ],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi' },
              { type: 'text', text: '  ' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '\n\n' },
              { type: 'tool_use', id: 't1', name: 'f', input: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'done' }] },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: ' \t' },
        ],
        tools: [{ name: 'f', input_schema: { type: 'object' } }],
      }),
    );
    expect(r.body.system).toEqual([{ text: 'Be brief.\n' }]);
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ text: 'Hi  ' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'f', input: {} } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'done' }] } }] },
      { role: 'assistant', content: [{ text: 'ok' }] },
      { role: 'user', content: [{ text: '[omitted: text]' }] },
    ]);
    expect(r.losses.map((l) => [l.path, l.reason.slice(0, 30)])).toEqual([
      ['messages[1].content[0]', 'whitespace-only text is not se'],
      ['messages[4].content', 'whitespace-only text is not se'],
      ['messages[4]', 'nothing in this turn can be se'],
    ]);
  });
});
