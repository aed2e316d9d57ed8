import { isTranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import { isRecord } from '../core/narrow.js';
import { translateError, translateRequest } from '../translate/translate.js';
import { clientError, jsonResponse, translationErrorStatus } from './client-error.js';
import { admit, lossHeaders } from './exchange-context.js';
import { handleCountTokens } from './handle-count-tokens.js';
import type { GatewayRuntime } from './runtime.js';

/** The fields of an Anthropic count_tokens body (`MessageCountTokensParams`): nothing else is sent to be counted. */
const COUNT_KEYS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config'] as const;

/** Headers of the Anthropic count answer a Responses client gets too (the estimate mark, the loss report). */
const KEPT_HEADERS = ['x-crosswire-estimate'];

/**
 * `POST /v1/responses/input_tokens`: the body (a create request's fields) is translated to Anthropic, counted as
 * `POST /v1/messages/count_tokens` is for the same model (forwarded, the provider's own count endpoint, or a local
 * estimate), and answered as `{object: "response.input_tokens", input_tokens}`. Errors reach the client in the
 * Responses error shape; what the translation could not carry is in the loss headers.
 */
export async function handleResponsesInputTokens(rt: GatewayRuntime, req: Request): Promise<Response> {
  const a = await admit(rt, req, 'openai-responses', 'generate');
  if (a instanceof Response) return a;
  let body: Record<string, unknown>;
  let losses: readonly Loss[];
  try {
    const r = translateRequest<FormatId, FormatId>('openai-responses', 'anthropic-messages', a.json);
    const translated = r.body as Record<string, unknown>;
    body = {};
    for (const k of COUNT_KEYS) if (translated[k] !== undefined) body[k] = translated[k];
    // Anthropic's max_tokens default is no concern of a count
    losses = r.losses.filter((l) => l.path !== 'max_output_tokens');
  } catch (e) {
    if (!isTranslationError(e)) throw e;
    return clientError('openai-responses', translationErrorStatus(e), e.message, { param: e.path });
  }
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  headers.set('content-type', 'application/json');
  const inner = new Request(new URL('/v1/messages/count_tokens', req.url), {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: req.signal,
  });
  const counted = await handleCountTokens(rt, inner);
  const out: Record<string, string> = lossHeaders(rt, req, losses);
  for (const name of KEPT_HEADERS) {
    const v = counted.headers.get(name);
    if (v !== null) out[name] = v;
  }
  const text = await counted.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (counted.ok && isRecord(json) && typeof json.input_tokens === 'number')
    return jsonResponse(200, { object: 'response.input_tokens', input_tokens: json.input_tokens }, out);
  const status = counted.ok ? 502 : counted.status;
  const error = translateError('anthropic-messages', 'openai-responses', {
    status,
    body: json ?? { type: 'error', error: { type: 'api_error', message: text } },
  });
  return jsonResponse(error.status, error.body, out);
}
