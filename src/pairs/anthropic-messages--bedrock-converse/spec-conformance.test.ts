import { expect, it } from 'vitest';
import { validateRequest, validateResponse, validateStreamEvent } from '../../validate/index.js';
import { anthropicRequestToConverse } from './request-to-converse.js';
import { anthropicResponseToConverse } from './response-to-converse.js';
import { createAnthropicToConverseStream } from './stream-to-converse.js';

it('what the translators write validates against spec/bedrock-converse.yaml', () => {
  const r = anthropicRequestToConverse({
    model: 'm',
    max_tokens: 5,
    system: 'x',
    tools: [{ name: 'f', input_schema: { type: 'object' } }],
    tool_choice: { type: 'any' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'a', cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }] },
    ],
  });
  expect(validateRequest('bedrock-converse', r.body)).toEqual({ ok: true, errors: [], value: r.body });
  const resp = anthropicResponseToConverse({
    content: [
      { type: 'text', text: 'x' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
    ],
    stop_reason: 'tool_use',
    usage: { input_tokens: 1, output_tokens: 2 },
  });
  expect(validateResponse('bedrock-converse', resp.body)).toEqual({ ok: true, errors: [], value: resp.body });
  const t = createAnthropicToConverseStream();
  const evs = [
    ...t.push({ type: 'message_start', message: { usage: { input_tokens: 1 } } }),
    ...t.push({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'x', name: 'f' } }),
    ...t.push({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } }),
    ...t.push({ type: 'content_block_stop', index: 0 }),
    ...t.push({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } }),
    ...t.push({ type: 'message_stop' }),
    ...t.push({ type: 'error', error: { type: 'x', message: 'y' } }),
  ];
  for (const e of evs) expect(validateStreamEvent('bedrock-converse', e)).toEqual({ ok: true, errors: [], value: e });
  expect(validateStreamEvent('bedrock-converse', { throttlingException: { message: 'x' } }).ok).toBe(true);
});
