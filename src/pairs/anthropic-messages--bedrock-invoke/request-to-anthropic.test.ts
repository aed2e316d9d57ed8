import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { bedrockInvokeRequestToAnthropic } from './request-to-anthropic.js';

describe('bedrockInvokeRequestToAnthropic: the URL alone names the model and picks streaming', () => {
  const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };

  it('a model key in the body neither replaces the URL model nor passes silently', () => {
    const r = bedrockInvokeRequestToAnthropic(deepFreeze({ ...body, model: 'claude-other' }), {
      model: 'claude-from-url',
    });
    expect(r.body.model).toBe('claude-from-url');
    expect(r.losses).toEqual([{ path: 'model', reason: expect.stringContaining('URL') }]);
  });

  it('a stream key in the body does not turn an invoke call into a stream (nor the other way)', () => {
    const plain = bedrockInvokeRequestToAnthropic(deepFreeze({ ...body, stream: true }), {
      model: 'm',
      stream: false,
    });
    expect(plain.body.stream).toBeUndefined();
    expect(plain.context.stream).toBe(false);
    expect(plain.losses.map((l) => l.path)).toEqual(['stream']);
    const streamed = bedrockInvokeRequestToAnthropic(deepFreeze({ ...body, stream: false }), {
      model: 'm',
      stream: true,
    });
    expect(streamed.body.stream).toBe(true);
  });

  it('strict mode refuses the stray keys', () => {
    expect(() => bedrockInvokeRequestToAnthropic({ ...body, model: 'x' }, { model: 'm', strict: true })).toThrow(
      TranslationError,
    );
  });

  it('a clean body has no losses', () => {
    expect(bedrockInvokeRequestToAnthropic(deepFreeze(body), { model: 'm' }).losses).toEqual([]);
  });
});
