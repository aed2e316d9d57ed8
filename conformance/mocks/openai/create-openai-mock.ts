import { encodeOpenAIEvent, openaiStreamError } from '../../../src/formats/openai-chat/codec.js';
import { openaiErrorBody } from '../../../src/formats/openai-chat/errors.js';
import { encodeSSE } from '../../../src/wire/sse/encode-sse.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider } from '../mock-types.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { unknownFieldViolations } from '../strict-fields.js';
import { checkOpenAIHeaders } from './check-openai-headers.js';
import { checkOpenAIRequest } from './check-openai-request.js';
import { openaiPrompt } from './openai-prompt.js';
import { renderOpenAIChunks } from './render-openai-chunks.js';
import { renderOpenAICompletion } from './render-openai-completion.js';

const DEFAULT_CHUNK_SIZE = 16;
const DEFAULT_CREATED = 1700000000;

const openaiDefinition: ProviderDefinition = {
  errorBody: (status, message, violation) =>
    openaiErrorBody(
      status,
      message,
      violation?.param !== undefined
        ? { param: violation.param }
        : violation?.path
          ? { param: violation.path }
          : violation?.type
            ? { type: violation.type }
            : {},
    ),
  responseHeaders: { 'x-request-id': 'req_mock' },
  checkHeaders: checkOpenAIHeaders,
  framing: {
    contentType: 'text/event-stream',
    encode: encodeOpenAIEvent,
    errorEvent: (status, message) => openaiStreamError(status, message),
    malformed: () => encodeSSE({ data: '{"id":"chatcmpl-mock","object":' }),
    defaultErrorStatus: 500,
  },
  endpoints: [
    {
      matches: (path) => path.endsWith('/v1/chat/completions'),
      check: (request, validate) => {
        const spec = validate('openai-chat', request.body);
        const specViolations = spec.ok
          ? []
          : spec.errors.map((e) => ({
              path: e.path,
              message: e.path === '' ? e.message : `Invalid '${e.path}': ${e.message}`,
            }));
        return [
          ...specViolations,
          ...unknownFieldViolations('openai-chat', request.body),
          ...checkOpenAIRequest(request.body),
          ...agentViolations(openaiPrompt(request.body)),
        ];
      },
      answer: (request, options) => {
        const body = request.body;
        const script = runScriptedModel(openaiPrompt(body));
        const model = String(body.model);
        const created = options.created ?? DEFAULT_CREATED;
        const n = typeof body.n === 'number' && body.n >= 1 ? body.n : 1;
        if (body.stream !== true) return { json: renderOpenAICompletion(script, model, created, n) };
        const streamOptions = body.stream_options;
        const includeUsage =
          typeof streamOptions === 'object' &&
          streamOptions !== null &&
          (streamOptions as { include_usage?: unknown }).include_usage === true;
        return {
          events: renderOpenAIChunks(script, {
            model,
            created,
            n,
            chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
            includeUsage,
          }),
        };
      },
    },
  ],
};

/**
 * A strict OpenAI Chat Completions mock: `POST /v1/chat/completions` (JSON or SSE), answered by the scripted model.
 * See docs/conformance-mocks.md for its rules, faults and model names.
 */
export function createOpenAIMock(options: MockOptions = {}): MockProvider {
  return createMockProvider(openaiDefinition, options);
}
