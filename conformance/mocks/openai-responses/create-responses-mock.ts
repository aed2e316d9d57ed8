import { openaiErrorBody } from '../../../src/formats/openai-chat/errors.js';
import { encodeResponsesEvent } from '../../../src/formats/openai-responses/codec.js';
import { responsesStreamError } from '../../../src/formats/openai-responses/errors.js';
import { encodeSSE } from '../../../src/wire/sse/encode-sse.js';
import { countAllTokens } from '../../scripted-model/count-tokens.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider } from '../mock-types.js';
import { checkOpenAIHeaders } from '../openai/check-openai-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { validateInputTokensRequest } from '../spec-validator.js';
import { unknownFieldViolations } from '../strict-fields.js';
import { checkResponsesRequest } from './check-responses-request.js';
import { renderResponsesEvents, renderResponsesResponse } from './render-responses.js';
import { responsesPrompt } from './responses-prompt.js';

const DEFAULT_CHUNK_SIZE = 16;
const DEFAULT_CREATED = 1700000000;

function specViolations(result: { ok: boolean; errors: ReadonlyArray<{ path: string; message: string }> }) {
  return result.ok
    ? []
    : result.errors.map((e) => ({
        path: e.path,
        message: e.path === '' ? e.message : `Invalid '${e.path}': ${e.message}`,
      }));
}

const responsesDefinition: ProviderDefinition = {
  errorBody: (status, message, violation) =>
    openaiErrorBody(status, message, {
      ...(violation?.path ? { param: violation.path } : violation?.type ? { type: violation.type } : {}),
      ...(violation?.code ? { code: violation.code } : {}),
    }),
  responseHeaders: { 'x-request-id': 'req_mock' },
  checkHeaders: checkOpenAIHeaders,
  framing: {
    contentType: 'text/event-stream',
    encode: encodeResponsesEvent,
    errorEvent: (status, message, sent) => ({ ...responsesStreamError(status, message), sequence_number: sent }),
    malformed: () => encodeSSE({ event: 'response.output_text.delta', data: '{"type":"response.output_text.delta",' }),
    defaultErrorStatus: 500,
  },
  endpoints: [
    {
      matches: (path) => path.endsWith('/v1/responses/input_tokens'),
      check: (request) => [
        ...checkResponsesRequest(request.body),
        ...specViolations(validateInputTokensRequest(request.body)),
        ...unknownFieldViolations('openai-responses', request.body, 'count_tokens'),
      ],
      answer: (request) => ({
        json: {
          object: 'response.input_tokens',
          input_tokens: countAllTokens(responsesPrompt(request.body).inputTexts),
        },
      }),
    },
    {
      matches: (path) => path.endsWith('/v1/responses'),
      // the API's own wording first (the spec's minimum of max_output_tokens says the same in zod's words)
      check: (request, validate) => [
        ...checkResponsesRequest(request.body),
        ...specViolations(validate('openai-responses', request.body)),
        ...unknownFieldViolations('openai-responses', request.body),
        ...agentViolations(responsesPrompt(request.body)),
      ],
      answer: (request, options) => {
        const body = request.body;
        const script = runScriptedModel(responsesPrompt(body));
        const o = {
          model: String(body.model),
          created: options.created ?? DEFAULT_CREATED,
          body,
          chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
        };
        return body.stream === true
          ? { events: renderResponsesEvents(script, o) }
          : { json: renderResponsesResponse(script, o) };
      },
    },
  ],
};

/**
 * A strict OpenAI Responses mock: `POST /v1/responses` (JSON or SSE) and `POST /v1/responses/input_tokens`, answered
 * by the scripted model. See docs/conformance-mocks.md for its rules, faults and model names.
 */
export function createResponsesMock(options: MockOptions = {}): MockProvider {
  return createMockProvider(responsesDefinition, options);
}
