import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { createBedrockInvokeToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToBedrockInvokeStream } from './stream-to-invoke.js';

describe('InvokeModel stream error events', () => {
  it('an Anthropic error event carried in a chunk frame keeps its Anthropic type', () => {
    for (const type of ['overloaded_error', 'rate_limit_error', 'invalid_request_error', 'permission_error']) {
      const t = createBedrockInvokeToAnthropicStream();
      expect(t.push(deepFreeze({ type: 'error', error: { type, message: 'm' } }))).toEqual([
        { type: 'error', error: { type, message: 'm' } },
      ]);
    }
  });

  it('exception frames map to Anthropic types (camelCase or PascalCase names); unknown ones are api_error', () => {
    const cases: [string, string][] = [
      ['throttlingException', 'rate_limit_error'],
      ['ServiceUnavailableException', 'overloaded_error'],
      ['modelTimeoutException', 'timeout_error'],
      ['validationException', 'invalid_request_error'],
      ['modelStreamErrorException', 'api_error'],
      ['somethingNewException', 'api_error'],
    ];
    for (const [exception, type] of cases) {
      const t = createBedrockInvokeToAnthropicStream();
      expect(t.push({ type: 'error', error: { type: exception, message: 'x' } })).toEqual([
        { type: 'error', error: { type, message: 'x' } },
      ]);
    }
  });

  it('to a Bedrock client: Anthropic error types become exception names; nothing follows the error', () => {
    const t = createAnthropicToBedrockInvokeStream();
    expect(t.push({ type: 'error', error: { type: 'overloaded_error', message: 'o' } })).toEqual([
      { type: 'error', error: { type: 'serviceUnavailableException', message: 'o' } },
    ]);
    expect(t.push({ type: 'message_stop' })).toEqual([]);
    expect(t.end()).toEqual([]);
  });
});
