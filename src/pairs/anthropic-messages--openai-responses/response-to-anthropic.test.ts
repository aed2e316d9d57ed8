import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { anthropicRequestToResponses } from './request-to-responses.js';
import { responsesResponseToAnthropic as t } from './response-to-anthropic.js';

const shell = (extra: Record<string, unknown>) => ({
  id: 'resp_1',
  object: 'response',
  model: 'gpt-5',
  output: [],
  ...extra,
});

describe('Responses response -> Anthropic', () => {
  it('a failed or unfinished response is an upstream failure, with the error code and message', () => {
    const failed = () => t(shell({ status: 'failed', error: { code: 'server_error', message: 'boom' } }));
    expect(failed).toThrow(TranslationError);
    expect(failed).toThrow(/server_error: boom/);
    expect(() => t(shell({ status: 'in_progress' }))).toThrow(/not finished/);
    expect(() => t(shell({ status: 'cancelled' }))).toThrow(/not finished/);
  });

  it('items with no Anthropic block are losses at their output path; echoed settings are not', () => {
    const r = t(
      shell({
        status: 'completed',
        instructions: 'x',
        tools: [{ type: 'function', name: 'f' }],
        temperature: 1,
        output: [
          { type: 'custom_tool_call', call_id: 'c', name: 'exec', input: 'x' },
          { type: 'function_call', call_id: 'd', name: 'f', namespace: 'ns', arguments: '{}' },
          { type: 'image_generation_call', id: 'ig', status: 'completed', result: 'AAAA' },
        ],
      }),
    );
    expect(r.losses.map((l) => l.path)).toEqual(['output[0]', 'output[1].namespace', 'output[2]']);
    expect(r.body.stop_reason).toBe('tool_use');
  });

  it("a tool name the request rewrote comes back as the client's name", () => {
    // 'web.search' breaks the Responses function-name rule (no dots): the request translation renames it
    const req = anthropicRequestToResponses({
      model: 'gpt-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'web.search', input_schema: { type: 'object', properties: {} } }],
    });
    const sent = (req.body.tools as { name: string }[])[0]!.name;
    expect(sent).not.toBe('web.search');
    const r = t(
      shell({
        status: 'completed',
        output: [{ type: 'function_call', call_id: 'call_1', name: sent, arguments: '{}', status: 'completed' }],
      }),
      { context: req.context },
    );
    expect(r.body.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'web.search', input: {} }]);
  });

  it('a refusal part wins over the status', () => {
    const r = t(
      shell({
        status: 'completed',
        output: [{ type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] }],
      }),
    );
    expect(r.body).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal', explanation: 'no' } });
  });
});
