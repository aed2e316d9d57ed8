import { describe, expect, it } from 'vitest';
import { anthropicResponseToResponses as t } from './response-to-responses.js';

const msg = (content: unknown[], stop_reason: string, extra: Record<string, unknown> = {}) => ({
  id: 'msg_01A',
  type: 'message',
  role: 'assistant',
  model: 'claude',
  content,
  stop_reason,
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
  ...extra,
});

describe('Anthropic response -> Responses', () => {
  it('ids: resp_<base> and <prefix>_<base>_<output index>', () => {
    const r = t(
      msg(
        [
          { type: 'text', text: 'a' },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        ],
        'tool_use',
      ),
    );
    expect(r.body.id).toBe('resp_01A');
    expect((r.body.output as { id: string }[]).map((o) => o.id)).toEqual(['msg_01A_0', 'fc_01A_1']);
  });

  it('a refusal after a tool call is a message item of its own, status incomplete content_filter', () => {
    const r = t(msg([{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }], 'refusal'));
    expect(r.body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
    expect(r.body.output[1]).toMatchObject({ type: 'message', content: [{ type: 'refusal', refusal: '' }] });
  });

  it('a matched stop sequence and pause_turn cannot be said: completed, with a loss', () => {
    for (const stop of ['stop_sequence', 'pause_turn']) {
      const r = t(msg([{ type: 'text', text: 'a' }], stop));
      expect(r.body.status).toBe('completed');
      expect(r.losses.map((l) => l.path)).toEqual(['stop_reason']);
    }
  });

  it('a custom tool whose input is not {"input": string} is sent as its JSON (a loss)', () => {
    const context = { responses: { tools: { exec: { kind: 'custom', name: 'exec' } } } };
    const r = t(msg([{ type: 'tool_use', id: 'toolu_1', name: 'exec', input: { code: 1 } }], 'tool_use'), { context });
    expect(r.body.output[0]).toMatchObject({ type: 'custom_tool_call', input: '{"code":1}', name: 'exec' });
    expect(r.losses.map((l) => l.path)).toEqual(['content[0].input']);
  });

  it('server tools other than web search and unknown blocks are losses', () => {
    const r = t(
      msg(
        [
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'code_execution', input: {} },
          { type: 'container_upload', file_id: 'f' },
        ],
        'end_turn',
      ),
    );
    expect(r.losses.map((l) => l.path)).toEqual(['content[0]', 'content[1]']);
    expect(r.body.output).toEqual([]);
  });
});
