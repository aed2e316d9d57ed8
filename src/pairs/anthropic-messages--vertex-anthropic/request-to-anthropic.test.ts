import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { vertexRequestToAnthropic } from './request-to-anthropic.js';

describe('vertexRequestToAnthropic', () => {
  const body = { anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };

  it('a model key in the body does not replace the URL model, and is reported', () => {
    const r = vertexRequestToAnthropic(deepFreeze({ ...body, model: 'claude-other' }), { model: 'claude-from-url' });
    expect(r.body.model).toBe('claude-from-url');
    expect(r.losses).toEqual([{ path: 'model', reason: expect.stringContaining('URL') }]);
  });

  it('anthropic_beta leaves the body (the Anthropic API takes betas as a header) into context.anthropicBeta', () => {
    const r = vertexRequestToAnthropic(deepFreeze({ ...body, anthropic_beta: ['a-1', 'b-2'] }), { model: 'm' });
    expect(r.body).not.toHaveProperty('anthropic_beta');
    expect(r.context.anthropicBeta).toEqual(['a-1', 'b-2']);
    expect(
      vertexRequestToAnthropic({ ...body, anthropic_beta: 'a-1' }, { model: 'm' }).losses.map((l) => l.path),
    ).toEqual(['anthropic_beta']);
  });

  it('the method in the URL decides streaming when known; the body flag otherwise', () => {
    const raw = vertexRequestToAnthropic(deepFreeze({ ...body, stream: true }), {
      model: 'm',
      stream: false,
    });
    expect(raw.body).not.toHaveProperty('stream');
    expect(raw.context.stream).toBe(false);
    expect(raw.losses.map((l) => l.path)).toEqual(['stream']);
    const streamed = vertexRequestToAnthropic(deepFreeze(body), { model: 'm', stream: true });
    expect(streamed.body.stream).toBe(true);
    expect(streamed.losses).toEqual([]);
    expect(vertexRequestToAnthropic(deepFreeze({ ...body, stream: true }), { model: 'm' }).body.stream).toBe(true);
    expect(
      vertexRequestToAnthropic(deepFreeze({ ...body, stream: true }), { model: 'm', stream: true }).losses,
    ).toEqual([]);
  });
});
