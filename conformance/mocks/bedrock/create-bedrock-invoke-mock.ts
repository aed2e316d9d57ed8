import { encodeBedrockInvokeEvent } from '../../../src/formats/bedrock-invoke/codec.js';
import { bedrockErrorBody, bedrockStreamExceptionForStatus } from '../../../src/formats/bedrock-invoke/errors.js';
import { parseBedrockInvokePath } from '../../../src/formats/bedrock-invoke/target.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { anthropicPrompt } from '../anthropic/anthropic-prompt.js';
import { renderAnthropicEvents } from '../anthropic/render-anthropic-events.js';
import { renderAnthropicMessage } from '../anthropic/render-anthropic-message.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider } from '../mock-types.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { withUnknownFields } from '../strict-fields.js';
import { bedrockCountTokensEndpoint } from './bedrock-count-tokens-endpoint.js';
import { checkBedrockAuth } from './check-bedrock-auth.js';
import { checkInvokeBody } from './check-invoke-body.js';

const DEFAULT_CHUNK_SIZE = 16;

/** Bedrock adds invocation metrics to the final `message_stop` event. */
function withMetrics(events: readonly unknown[], inputTokens: number, outputTokens: number): unknown[] {
  return events.map((e) =>
    typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'message_stop'
      ? {
          ...e,
          'amazon-bedrock-invocationMetrics': {
            inputTokenCount: inputTokens,
            outputTokenCount: outputTokens,
            invocationLatency: 100,
            firstByteLatency: 10,
          },
        }
      : e,
  );
}

const definition: ProviderDefinition = {
  errorBody: (status, message) => bedrockErrorBody(status, message),
  responseHeaders: { 'x-amzn-requestid': 'req-mock' },
  checkHeaders: checkBedrockAuth,
  framing: {
    contentType: 'application/vnd.amazon.eventstream',
    encode: encodeBedrockInvokeEvent,
    errorEvent: (status, message) => ({
      type: 'error',
      error: { type: bedrockStreamExceptionForStatus(status), message },
    }),
    malformed: () => {
      const frame = encodeBedrockInvokeEvent({ type: 'ping' });
      frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff; // a bad message CRC
      return frame;
    },
    defaultErrorStatus: 503,
  },
  endpoints: [
    {
      matches: (path) => parseBedrockInvokePath(path) !== undefined,
      model: (request) => parseBedrockInvokePath(request.url.pathname)?.model,
      check: (request, validate) => [
        ...withUnknownFields('bedrock-invoke', checkInvokeBody(request.body, validate), request.body),
        ...agentViolations(anthropicPrompt(request.body)),
      ],
      answer: (request, options) => {
        const target = parseBedrockInvokePath(request.url.pathname);
        const model = target?.model ?? 'anthropic.claude';
        const script = runScriptedModel(anthropicPrompt(request.body));
        if (!target?.stream) return { json: renderAnthropicMessage(script, model) };
        const events = renderAnthropicEvents(script, model, options.chunkSize ?? DEFAULT_CHUNK_SIZE, false);
        return { events: withMetrics(events, script.usage.inputTokens, script.usage.outputTokens) };
      },
    },
    bedrockCountTokensEndpoint,
  ],
};

/**
 * A strict Bedrock InvokeModel mock for Claude: `POST /model/{model}/invoke` (JSON) and
 * `/model/{model}/invoke-with-response-stream` (event-stream `chunk` frames), answered by the scripted model;
 * and Bedrock Runtime's CountTokens, `/model/{model}/count-tokens` (`bedrock-count-tokens-endpoint.ts`).
 */
export function createBedrockInvokeMock(options: MockOptions = {}): MockProvider {
  return createMockProvider(definition, options);
}
