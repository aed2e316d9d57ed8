import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { converseRequestToAnthropic } from './request-to-anthropic.js';

const SPEC = { toolSpec: { name: 'f', description: 'd', inputSchema: { json: { type: 'object', properties: {} } } } };

describe('Converse request -> Anthropic request', () => {
  it('toolSpec.strict is carried; a cachePoint after a tool keeps its ttl', () => {
    const r = converseRequestToAnthropic(
      deepFreeze({
        messages: [{ role: 'user', content: [{ text: 'x' }] }],
        toolConfig: {
          tools: [{ toolSpec: { ...SPEC.toolSpec, strict: true } }, { cachePoint: { type: 'default', ttl: '1h' } }],
        },
      }),
      { model: 'claude' },
    );
    expect(r.body.tools).toEqual([
      {
        name: 'f',
        description: 'd',
        strict: true,
        input_schema: { type: 'object', properties: {} },
        cache_control: { type: 'ephemeral', ttl: '1h' },
      },
    ]);
    expect(r.losses).toEqual([]);
  });

  it('additionalModelRequestFields.anthropic_beta -> context.anthropicBeta (the header), not the body; a malformed one is reported', () => {
    const r = converseRequestToAnthropic(
      deepFreeze({
        messages: [{ role: 'user', content: [{ text: 'x' }] }],
        additionalModelRequestFields: { anthropic_beta: ['b-1', 'b-2'] },
      }),
      { model: 'claude' },
    );
    expect(r.context.anthropicBeta).toEqual(['b-1', 'b-2']);
    expect(r.body).not.toHaveProperty('anthropic_beta');
    expect(r.losses).toEqual([]);
    const bad = converseRequestToAnthropic(
      deepFreeze({
        messages: [{ role: 'user', content: [{ text: 'x' }] }],
        additionalModelRequestFields: { anthropic_beta: 'b-1' },
      }),
      { model: 'claude' },
    );
    expect(bad.context.anthropicBeta).toBeUndefined();
    expect(bad.losses).toEqual([
      { path: 'additionalModelRequestFields.anthropic_beta', reason: expect.stringContaining('list') },
    ]);
  });

  it('a block inside a toolResult that cannot be carried is reported at its own path', () => {
    const r = converseRequestToAnthropic(
      deepFreeze({
        messages: [
          { role: 'user', content: [{ text: 'x' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'f', input: {} } }] },
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }, { video: { format: 'mp4' } }] } }],
          },
        ],
        toolConfig: { tools: [SPEC] },
      }),
      { model: 'claude' },
    );
    expect(r.losses).toEqual([{ path: 'messages[2].content[0].toolResult.content[1]', reason: expect.any(String) }]);
  });
});
