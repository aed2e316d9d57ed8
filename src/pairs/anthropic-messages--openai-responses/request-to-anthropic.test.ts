import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { responsesRequestToAnthropic as t } from './request-to-anthropic.js';

const base = { model: 'claude-sonnet-4-5', max_output_tokens: 100 };
const paths = (r: { losses: readonly { path: string }[] }) => r.losses.map((l) => l.path);

function refusal(body: unknown): TranslationError {
  try {
    t(body);
  } catch (e) {
    if (e instanceof TranslationError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('Responses request -> Anthropic: what needs server state is refused, naming the field', () => {
  it.each([
    [{ previous_response_id: 'resp_1' }, 'previous_response_id'],
    [{ conversation: 'conv_1' }, 'conversation'],
    [{ conversation: { id: 'conv_1' } }, 'conversation'],
    [{ background: true }, 'background'],
    [{ prompt: { id: 'pmpt_1' } }, 'prompt'],
  ])('%o', (extra, field) => {
    const e = refusal({ ...base, input: 'hi', ...extra });
    expect(e.kind).toBe('unsupported');
    expect(e.path).toBe(field);
    expect(e.message).toContain(field);
  });

  it('item_reference items, typed or not', () => {
    for (const item of [{ type: 'item_reference', id: 'msg_1' }, { id: 'msg_1' }]) {
      const e = refusal({ ...base, input: [{ role: 'user', content: 'hi' }, item] });
      expect([e.kind, e.path]).toEqual(['unsupported', 'input[1]']);
      expect(e.message).toContain('item_reference');
    }
  });

  it('null stateful fields and background: false are fine', () => {
    expect(
      t({ ...base, input: 'hi', previous_response_id: null, conversation: null, background: false }).losses,
    ).toEqual([]);
  });
});

describe('Responses request -> Anthropic: reasoning', () => {
  it('a summary without an effort asks for the Responses default, medium, with room for the answer', () => {
    const r = t({ model: 'm', input: 'hi', reasoning: { summary: 'auto' } });
    expect(r.body).toMatchObject({ max_tokens: 4096 + 16384, thinking: { type: 'enabled', budget_tokens: 16384 } });
    expect(paths(r)).toEqual(['max_output_tokens']);
  });

  it('effort none turns thinking off; an empty reasoning object asks for nothing', () => {
    expect(t({ ...base, input: 'hi', reasoning: { effort: 'none' } }).body).toMatchObject({
      thinking: { type: 'disabled' },
    });
    expect(t({ ...base, input: 'hi', reasoning: {} }).body).not.toHaveProperty('thinking');
  });

  it('thinking is left off when the tool choice forces a call (Anthropic refuses both)', () => {
    const tools = [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {} } }];
    for (const tool_choice of ['required', { type: 'function', name: 'f' }]) {
      const r = t({ ...base, max_output_tokens: 8000, input: 'hi', tools, tool_choice, reasoning: { effort: 'low' } });
      expect(r.body).not.toHaveProperty('thinking');
      expect(paths(r)).toEqual(['reasoning']);
    }
    const auto = t({
      ...base,
      max_output_tokens: 8000,
      input: 'hi',
      tools,
      tool_choice: 'auto',
      reasoning: { effort: 'low' },
    });
    expect(auto.body).toHaveProperty('thinking');
  });

  it('while thinking, a temperature other than 1 and a top_p below 0.95 are not sent (losses)', () => {
    const r = t({
      ...base,
      max_output_tokens: 8000,
      input: 'hi',
      reasoning: { effort: 'low' },
      temperature: 0.3,
      top_p: 0.5,
    });
    expect(r.body).not.toHaveProperty('temperature');
    expect(r.body).not.toHaveProperty('top_p');
    expect(paths(r)).toEqual(['temperature', 'top_p']);
    const ok = t({
      ...base,
      max_output_tokens: 8000,
      input: 'hi',
      reasoning: { effort: 'low' },
      temperature: 1,
      top_p: 0.97,
    });
    expect(ok.body).toMatchObject({ temperature: 1, top_p: 0.97 });
  });

  it('a limit too small for 1024 thinking tokens leaves thinking off (a loss)', () => {
    const r = t({ ...base, max_output_tokens: 500, input: 'hi', reasoning: { effort: 'high' } });
    expect(r.body).not.toHaveProperty('thinking');
    expect(paths(r)).toEqual(['reasoning']);
  });
});

describe('Responses request -> Anthropic: Codex CLI shapes', () => {
  it('tools of additional_tools items join the request tools; custom tools record their kind in the context', () => {
    const r = t({
      ...base,
      input: [
        {
          type: 'additional_tools',
          role: 'developer',
          tools: [
            { type: 'namespace', name: 'functions', description: 'd', tools: [{ type: 'custom', name: 'exec' }] },
            { type: 'function', name: 'now', parameters: { type: 'object', properties: {} } },
          ],
        },
        { role: 'user', content: 'go' },
      ],
    });
    expect((r.body as { tools: { name: string }[] }).tools.map((x) => x.name)).toEqual(['functions__exec', 'now']);
    expect(r.context.responses).toMatchObject({
      tools: { functions__exec: { kind: 'custom', name: 'exec', namespace: 'functions' } },
    });
    expect(paths(r)).toEqual(['input[0].tools[0].description']);
  });

  it('a message phase is a loss; ids and statuses are not', () => {
    const r = t({
      ...base,
      input: [
        { type: 'message', id: 'msg_1', role: 'user', content: 'hi' },
        { type: 'message', id: 'msg_2', status: 'completed', role: 'assistant', phase: 'commentary', content: 'ok' },
        { role: 'user', content: 'go' },
      ],
    });
    expect(paths(r)).toEqual(['input[1].phase']);
  });

  it('unparsable call arguments become {} with a loss that quotes them', () => {
    const r = t({
      ...base,
      input: [
        { role: 'user', content: 'hi' },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{"a":' },
        { type: 'function_call_output', call_id: 'c', output: 'x' },
      ],
    });
    expect(JSON.stringify(r.body)).toContain('"input":{}');
    expect(r.losses[0]).toMatchObject({ path: 'input[1].arguments' });
  });

  it('file ids need the Files API beta, asked for in the context', () => {
    const r = t({ ...base, input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] });
    expect(r.context.anthropicBeta).toEqual(['files-api-2025-04-14']);
    expect(t({ ...base, input: 'hi' }).context.anthropicBeta).toBeUndefined();
  });

  it('bad input is a TranslationError at its path', () => {
    expect(() => t({ ...base, input: [{ role: 'robot', content: 'x' }] })).toThrow(/input\[0\]\.role/);
    expect(() => t({ ...base, input: 7 })).toThrow(TranslationError);
    expect(() =>
      t({ ...base, input: [{ type: 'message', role: 'assistant', content: [{ type: 'input_image' }] }] }),
    ).toThrow(TranslationError);
  });
});

describe('Responses request -> Anthropic: blank text, which Anthropic refuses, is never sent', () => {
  it('a blank part joins the text next to it; a blank assistant or system message is left out and reported', () => {
    const r = t({
      ...base,
      instructions: ' ',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Hi' },
            { type: 'input_text', text: '\n\n' },
          ],
        },
        { role: 'assistant', content: [{ type: 'output_text', text: '  ' }] },
        { role: 'user', content: 'Bye' },
      ],
    });
    expect(r.body.system).toBeUndefined();
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi\n\n' },
          { type: 'text', text: 'Bye' },
        ],
      },
    ]);
    expect(paths(r)).toEqual(['instructions', 'input[1].content[0]']);
  });

  it('refuses a blank user message that is a whole user turn, naming it', () => {
    const e = refusal({
      ...base,
      input: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: ' \n' },
      ],
    });
    expect([e.kind, e.path]).toEqual(['invalid_input', 'input[2]']);
    expect(e.message).toContain('whitespace only');
  });

  it('a blank user message next to a tool result is left out, the turn keeps the result', () => {
    const r = t({
      ...base,
      input: [
        { role: 'user', content: 'Weather?' },
        { type: 'function_call', call_id: 'c1', name: 'w', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        { role: 'user', content: ' ' },
      ],
    });
    expect(r.body.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }],
    });
    expect(paths(r)).toEqual(['input[3].content']);
  });
});

describe('Responses request -> Anthropic: unknown top-level keys named like Object.prototype members', () => {
  it('are reported as losses with a string reason, like any unknown key', () => {
    const body = JSON.parse(
      '{"model":"m","max_output_tokens":10,"input":"hi","__proto__":1,"constructor":2,"toString":3}',
    ) as Record<string, unknown>;
    const r = t(body);
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const loss = r.losses.find((l) => l.path === key);
      expect(loss, key).toBeDefined();
      expect(typeof loss?.reason, key).toBe('string');
    }
  });
});
