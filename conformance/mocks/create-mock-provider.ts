import { faultFromModel } from './fault-from-model.js';
import type {
  EndpointRequest,
  Fault,
  MockOptions,
  MockProvider,
  RecordedRequest,
  RequestValidator,
  RuleViolation,
} from './mock-types.js';
import type { ProviderDefinition } from './provider-definition.js';
import { readBody } from './read-body.js';
import { defaultRequestValidator } from './spec-validator.js';
import { streamReply } from './stream-reply.js';
import { waitForStall } from './wait-for-stall.js';

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Builds a mock provider from its definition. Order of checks, as a production edge does it: body size (413),
 * route (404), headers (auth 401, version 400), JSON (400), spec and provider rules (400); then the fault, if
 * any (queued with `injectFault`, else selected by the model name, else `options.fault`), then the answer.
 */
export function createMockProvider(definition: ProviderDefinition, options: MockOptions = {}): MockProvider {
  const requests: RecordedRequest[] = [];
  const queue: Fault[] = [];
  const validate: RequestValidator = options.validate ?? defaultRequestValidator;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const jsonResponse = (status: number, body: unknown, extra: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...definition.responseHeaders, ...extra },
    });

  const errorResponse = (violation: RuleViolation): Response => {
    const status = violation.status ?? 400;
    return jsonResponse(status, definition.errorBody(status, violation.message, violation));
  };

  const answer = async (request: Request, url: URL, record: RecordedRequest): Promise<Response> => {
    const read = await readBody(request, maxBodyBytes);
    record.bodyBytes = read.bytes;
    if ('tooLarge' in read) {
      return errorResponse({
        status: 413,
        type: 'request_too_large',
        path: '',
        message: `Request exceeds the maximum size of ${maxBodyBytes} bytes`,
      });
    }
    const endpoint = request.method === 'POST' ? definition.endpoints.find((e) => e.matches(url.pathname)) : undefined;
    if (!endpoint)
      return errorResponse({ status: 404, path: '', message: `No route for ${request.method} ${url.pathname}` });
    const headerViolation = definition.checkHeaders(request.headers, options);
    if (headerViolation) return errorResponse(headerViolation);
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return errorResponse({ path: '', message: 'The request body is not valid JSON' });
    }
    record.body = body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return errorResponse({ path: '', message: 'The request body must be a JSON object' });
    }
    const ctx: EndpointRequest = { body: body as Record<string, unknown>, headers: request.headers, url };
    const violation = endpoint.check(ctx, validate)[0];
    if (violation) return errorResponse(violation);

    const fault =
      queue.shift() ?? faultFromModel(endpoint.model ? endpoint.model(ctx) : ctx.body.model) ?? options.fault;
    record.fault = fault;
    if (fault?.kind === 'http-error') {
      if (fault.body !== undefined) return jsonResponse(fault.status, fault.body, fault.headers);
      return jsonResponse(
        fault.status,
        definition.errorBody(fault.status, fault.message ?? 'Injected error'),
        fault.headers,
      );
    }
    const reply = options.respond?.(ctx) ?? endpoint.answer(ctx, options);
    if ('events' in reply)
      return streamReply(reply.events, definition.framing, fault, definition.responseHeaders, request.signal);
    if (!fault) return jsonResponse(200, reply.json);
    switch (fault.kind) {
      case 'stream-error': {
        const status = fault.status ?? definition.framing.defaultErrorStatus;
        return jsonResponse(status, definition.errorBody(status, fault.message ?? 'Injected error'));
      }
      case 'truncate':
      case 'malformed-sse': {
        const text = JSON.stringify(reply.json);
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: 200,
          headers: { 'content-type': 'application/json', ...definition.responseHeaders },
        });
      }
      case 'stall':
        await waitForStall(fault.ms, request.signal);
        return request.signal.aborted ? Response.error() : jsonResponse(200, reply.json);
      default:
        return Response.error();
    }
  };

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const record: RecordedRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body: undefined,
      bodyBytes: 0,
      status: 0,
      fault: undefined,
    };
    requests.push(record);
    const response = await answer(request, url, record);
    record.status = response.type === 'error' ? 0 : response.status;
    return response;
  };

  return Object.assign(handler, {
    requests,
    injectFault(fault: Fault, times = 1): void {
      for (let i = 0; i < times; i++) queue.push(fault);
    },
    reset(): void {
      requests.length = 0;
      queue.length = 0;
    },
  });
}
