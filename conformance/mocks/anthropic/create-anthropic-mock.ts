import { anthropicStreamError, encodeAnthropicEvent } from '../../../src/formats/anthropic-messages/codec.js';
import { anthropicErrorBody } from '../../../src/formats/anthropic-messages/errors.js';
import { encodeSSE } from '../../../src/wire/sse/encode-sse.js';
import { countAllTokens } from '../../scripted-model/count-tokens.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider, RuleViolation } from '../mock-types.js';
import type { EndpointRequest, ProviderDefinition } from '../provider-definition.js';
import { validateCountTokensRequest } from '../spec-validator.js';
import { unknownFieldViolations } from '../strict-fields.js';
import { anthropicPrompt } from './anthropic-prompt.js';
import { checkAnthropicHeaders } from './check-anthropic-headers.js';
import { checkAnthropicParams } from './check-anthropic-params.js';
import { checkAnthropicServerTools } from './check-anthropic-server-tools.js';
import { checkAnthropicTurns } from './check-anthropic-turns.js';
import { renderAnthropicEvents } from './render-anthropic-events.js';
import { renderAnthropicMessage } from './render-anthropic-message.js';
import { WEB_SEARCH_USAGE, webSearchContent } from './web-search-model.js';

const DEFAULT_CHUNK_SIZE = 16;

function specViolations(result: {
  ok: boolean;
  errors: ReadonlyArray<{ path: string; message: string }>;
}): RuleViolation[] {
  return result.ok
    ? []
    : result.errors.map((e) => ({ path: e.path, message: e.path === '' ? e.message : `${e.path}: ${e.message}` }));
}

function providerRules(request: EndpointRequest, endpoint: 'messages' | 'count_tokens'): RuleViolation[] {
  return [
    ...checkAnthropicTurns(request.body),
    ...checkAnthropicServerTools(request.body),
    ...checkAnthropicParams(request.body, request.headers.get('anthropic-version'), endpoint),
  ];
}

const anthropicDefinition: ProviderDefinition = {
  errorBody: (status, message, violation) => ({
    ...anthropicErrorBody(status, message, violation?.type),
    request_id: 'req_mock',
  }),
  responseHeaders: { 'request-id': 'req_mock' },
  checkHeaders: checkAnthropicHeaders,
  framing: {
    contentType: 'text/event-stream',
    encode: encodeAnthropicEvent,
    errorEvent: (status, message) => anthropicStreamError(status, message),
    malformed: () => encodeSSE({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":' }),
    defaultErrorStatus: 529,
  },
  endpoints: [
    {
      matches: (path) => path.endsWith('/v1/messages/count_tokens'),
      check: (request) => [
        ...specViolations(validateCountTokensRequest(request.body)),
        ...unknownFieldViolations('anthropic-messages', request.body, 'count_tokens'),
        ...providerRules(request, 'count_tokens'),
      ],
      answer: (request) => ({ json: { input_tokens: countAllTokens(anthropicPrompt(request.body).inputTexts) } }),
    },
    {
      matches: (path) => path.endsWith('/v1/messages'),
      check: (request, validate) => [
        ...specViolations(validate('anthropic-messages', request.body)),
        ...unknownFieldViolations('anthropic-messages', request.body),
        ...providerRules(request, 'messages'),
        ...agentViolations(anthropicPrompt(request.body)),
      ],
      answer: (request, options) => {
        const prompt = anthropicPrompt(request.body);
        const script = runScriptedModel(prompt);
        const model = String(request.body.model);
        const searched = webSearchContent(request.body, script, prompt.lastUserText);
        if (request.body.stream !== true) {
          const message = renderAnthropicMessage(script, model);
          if (searched)
            Object.assign(message, { content: searched, usage: { ...(message.usage as object), ...WEB_SEARCH_USAGE } });
          return { json: message };
        }
        const chunk = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
        const pings = options.pings ?? true;
        return {
          events: searched
            ? renderAnthropicEvents(script, model, chunk, pings, searched, WEB_SEARCH_USAGE)
            : renderAnthropicEvents(script, model, chunk, pings),
        };
      },
    },
  ],
};

/**
 * A strict Anthropic Messages mock: `POST /v1/messages` (JSON or SSE) and `POST /v1/messages/count_tokens`,
 * answered by the scripted model. See docs/conformance-mocks.md for its rules, faults and model names.
 */
export function createAnthropicMock(options: MockOptions = {}): MockProvider {
  return createMockProvider(anthropicDefinition, options);
}
