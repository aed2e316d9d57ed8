import { encodeGeminiEventCRLF, geminiStreamError } from '../../../src/formats/gemini/codec.js';
import { geminiErrorBody } from '../../../src/formats/gemini/errors.js';
import { parseGeminiPath } from '../../../src/formats/gemini/target.js';
import { encodeSSE } from '../../../src/wire/sse/encode-sse.js';
import { countAllTokens } from '../../scripted-model/count-tokens.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import { agentViolations } from '../agent-views.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider } from '../mock-types.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { unknownFieldViolations } from '../strict-fields.js';
import { checkGeminiCountTokens, countedRequest } from './check-gemini-count-tokens.js';
import { checkGeminiHeaders } from './check-gemini-headers.js';
import { checkGeminiRequest } from './check-gemini-request.js';
import { geminiPrompt } from './gemini-prompt.js';
import { readGeminiJson } from './read-gemini-json.js';
import { renderGeminiChunks, renderGeminiResponse } from './render-gemini.js';

const DEFAULT_CHUNK_SIZE = 16;

/** `/…/models/{model}:generateContent` or `:streamGenerateContent`, under any prefix (`/v1beta`, `/v1`). */
function operation(pathname: string): { model: string; stream: boolean } | undefined {
  const i = pathname.lastIndexOf('/models/');
  if (i === -1) return undefined;
  const parsed = parseGeminiPath(`/v1beta${pathname.slice(i)}`);
  if (!parsed || parsed.operation === 'countTokens') return undefined;
  return { model: parsed.model, stream: parsed.operation === 'streamGenerateContent' };
}

/** The model of `/…/models/{model}:countTokens`, under any prefix. */
function countModel(pathname: string): string | undefined {
  const i = pathname.lastIndexOf('/models/');
  const parsed = i === -1 ? undefined : parseGeminiPath(`/v1beta${pathname.slice(i)}`);
  return parsed?.operation === 'countTokens' ? parsed.model : undefined;
}

function definition(options: MockOptions): ProviderDefinition {
  return {
    errorBody: (status, message, violation) => {
      const body = geminiErrorBody(status, message);
      if (!violation?.fieldViolations) return body;
      const details = [
        { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violation.fieldViolations },
      ];
      return { error: { ...body.error, details } };
    },
    responseHeaders: { 'x-goog-request-id': 'req_mock' },
    // the key may also come as `?key=`: the header check sees no URL, so the endpoint check repeats it with one
    checkHeaders: (headers, o) => (headers.get('x-goog-api-key') === null ? undefined : checkGeminiHeaders(headers, o)),
    framing: {
      contentType: 'text/event-stream',
      encode: encodeGeminiEventCRLF,
      errorEvent: (status, message) => geminiStreamError(status, message),
      malformed: () => encodeSSE({ data: '{"candidates":[{"content":' }),
      defaultErrorStatus: 503,
    },
    endpoints: [
      {
        matches: (path) => operation(path) !== undefined,
        model: (request) => operation(request.url.pathname)?.model,
        check: (request, validate) => {
          const auth = checkGeminiHeaders(request.headers, options, request.url);
          if (auth) return [auth];
          const op = operation(request.url.pathname);
          if (op?.stream && request.url.searchParams.get('alt') !== 'sse') {
            return [{ path: '', message: 'this mock streams only with ?alt=sse' }];
          }
          const body = readGeminiJson(request.body);
          const spec = validate('gemini', body);
          const specViolations = spec.ok
            ? []
            : spec.errors.map((e) => ({
                path: e.path,
                message: e.path === '' ? e.message : `* ${e.path}: ${e.message}`,
              }));
          return [
            ...specViolations,
            ...unknownFieldViolations('gemini', request.body),
            ...checkGeminiRequest(body),
            ...agentViolations(geminiPrompt(body)),
          ];
        },
        answer: (request, o) => {
          const op = operation(request.url.pathname);
          const model = op?.model ?? 'gemini';
          const prompt = geminiPrompt(readGeminiJson(request.body));
          const script = runScriptedModel(prompt);
          if (!op?.stream) return { json: renderGeminiResponse(script, model, prompt.includeThoughts) };
          return {
            events: renderGeminiChunks(
              script,
              model,
              prompt.includeThoughts,
              o.chunkSize ?? DEFAULT_CHUNK_SIZE,
              prompt.streamArguments,
            ),
          };
        },
      },
      {
        matches: (path) => countModel(path) !== undefined,
        model: (request) => countModel(request.url.pathname),
        check: (request, validate) => {
          const auth = checkGeminiHeaders(request.headers, options, request.url);
          return auth ? [auth] : checkGeminiCountTokens(request.body, validate);
        },
        answer: (request) => {
          // the scripted model's own count of what generateContent would read from the same request
          const counted = countedRequest(request.body) ?? {};
          const totalTokens = countAllTokens(geminiPrompt(counted).inputTexts);
          return { json: { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] } };
        },
      },
    ],
  };
}

/**
 * A strict Gemini mock: `POST …/models/{model}:generateContent` (JSON), `:streamGenerateContent?alt=sse`
 * (CRLF-framed SSE; function calls stream their arguments as `partialArgs` when the request asks for
 * `streamFunctionCallArguments`, on either service's path) and `:countTokens` (`{ totalTokens }`, rules: `check-gemini-count-tokens.ts`), answered by
 * the scripted model; errors as `google.rpc.Status`. The model and streaming
 * come from the URL. Rules: `check-gemini-request.ts`.
 */
export function createGeminiMock(options: MockOptions = {}): MockProvider {
  return createMockProvider(definition(options), options);
}
