import { anthropicStreamError, encodeAnthropicEvent } from '../../../src/formats/anthropic-messages/codec.js';
import { anthropicErrorBody } from '../../../src/formats/anthropic-messages/errors.js';
import { geminiErrorBody } from '../../../src/formats/gemini/errors.js';
import { parseVertexAnthropicPath } from '../../../src/formats/vertex-anthropic/target.js';
import { encodeSSE } from '../../../src/wire/sse/encode-sse.js';
import { countAllTokens } from '../../scripted-model/count-tokens.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { anthropicPrompt } from '../anthropic/anthropic-prompt.js';
import { renderAnthropicEvents } from '../anthropic/render-anthropic-events.js';
import { renderAnthropicMessage } from '../anthropic/render-anthropic-message.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider, RuleViolation } from '../mock-types.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { readBearerToken } from '../read-bearer-token.js';
import { withUnknownFields } from '../strict-fields.js';
import { checkVertexAnthropicBody } from './check-vertex-anthropic-body.js';
import { checkVertexCountTokens } from './check-vertex-count-tokens.js';

const DEFAULT_CHUNK_SIZE = 16;

/**
 * A strict Vertex AI mock for Claude (docs/wire-formats.md#vertex-claude): `…/publishers/anthropic/models/{model}:rawPredict`
 * (JSON), `:streamRawPredict` (Anthropic SSE) and `count-tokens:rawPredict`, answered by the scripted model.
 * The body needs `anthropic_version` and no `model`; count-tokens takes Anthropic's count_tokens body with `model`
 * and `anthropic_version` (`check-vertex-count-tokens.ts`) and answers `{ input_tokens }`. A missing bearer token is
 * Google's 401 `google.rpc.Status`; model errors are Anthropic bodies.
 */
export function createVertexAnthropicMock(options: MockOptions = {}): MockProvider {
  const definition: ProviderDefinition = {
    errorBody: (status, message, violation) =>
      violation?.type === 'google'
        ? geminiErrorBody(status, message)
        : anthropicErrorBody(status, message, violation?.type),
    responseHeaders: {},
    checkHeaders: (headers, o): RuleViolation | undefined => {
      const token = readBearerToken(headers.get('authorization'));
      if (!token)
        return {
          status: 401,
          type: 'google',
          path: '',
          message: 'Request is missing required authentication credential. Expected OAuth 2 access token.',
        };
      if (o.apiKey !== undefined && token !== o.apiKey)
        return { status: 401, type: 'google', path: '', message: 'Request had invalid authentication credentials.' };
      return undefined;
    },
    framing: {
      contentType: 'text/event-stream',
      encode: encodeAnthropicEvent,
      errorEvent: (status, message) => anthropicStreamError(status, message),
      malformed: () => encodeSSE({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":' }),
      defaultErrorStatus: 529,
    },
    endpoints: [
      {
        matches: (path) => parseVertexAnthropicPath(path) !== undefined,
        model: (request) => parseVertexAnthropicPath(request.url.pathname)?.model,
        check: (request, validate) => {
          const target = parseVertexAnthropicPath(request.url.pathname);
          const body = request.body;
          if (target?.countTokens) return checkVertexCountTokens(body);
          return [
            ...withUnknownFields('vertex-anthropic', checkVertexAnthropicBody(body, validate), body),
            ...agentViolations(anthropicPrompt(body)),
          ];
        },
        answer: (request, o) => {
          const target = parseVertexAnthropicPath(request.url.pathname);
          const prompt = anthropicPrompt(request.body);
          if (target?.countTokens) return { json: { input_tokens: countAllTokens(prompt.inputTexts) } };
          const model = target?.model ?? 'claude';
          const script = runScriptedModel(prompt);
          if (!target?.stream) return { json: renderAnthropicMessage(script, model) };
          return { events: renderAnthropicEvents(script, model, o.chunkSize ?? DEFAULT_CHUNK_SIZE, o.pings ?? true) };
        },
      },
    ],
  };
  return createMockProvider(definition, options);
}
