import { isTranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { translateRequest } from '../translate/translate.js';
import { callUpstream, failedCallStatus, logFailedCall, upstreamFetchOf } from './call-upstream.js';
import { clientError, jsonResponse } from './client-error.js';
import type { ProviderConfig } from './config.js';
import { countGeminiTokens } from './count-gemini-tokens.js';
import { countProviderTokens, isCountingFormat } from './count-provider-tokens.js';
import { estimateOpenAIPromptTokens, TokenizerUnavailableError } from './estimate-openai-tokens.js';
import { type Admitted, admit, lossHeaders } from './exchange-context.js';
import { inlineHubMedia, mediaModeOf } from './media.js';
import { readTextWithin } from './read-text-within.js';
import { relayUpstreamError } from './relay-upstream-error.js';
import { replaceModelBytes } from './replace-model-bytes.js';
import type { GatewayRuntime } from './runtime.js';
import { upstreamHeaders, upstreamUrl } from './upstream-request.js';

export const ESTIMATE_HEADER = 'x-crosswire-estimate';

/** Counts the prompt tokens of an Anthropic count_tokens body for a provider that has no count endpoint we can call. */
export type TokenEstimator = (
  body: Record<string, unknown>,
  model: string,
  provider: ProviderConfig,
) => number | Promise<number>;

function openaiEstimate(body: Record<string, unknown>, model: string): Promise<number> {
  // count what the OpenAI model would see: the request as translated for it
  const r = translateRequest<FormatId, FormatId>('anthropic-messages', 'openai-chat', {
    ...body,
    model,
    max_tokens: 1,
  });
  return estimateOpenAIPromptTokens(r.body as Record<string, unknown>);
}

/**
 * Local estimators by provider format, for providers without a count endpoint. (Gemini, Bedrock and Vertex
 * providers are not estimated: their own count endpoints are called, `count-gemini-tokens.ts` and
 * `count-provider-tokens.ts`.)
 */
export const TOKEN_ESTIMATORS: Partial<Record<FormatId, TokenEstimator>> = {
  'openai-chat': openaiEstimate,
  // an OpenAI provider called through Responses counts as the same model would through Chat
  'openai-responses': openaiEstimate,
};

async function forward(rt: GatewayRuntime, req: Request, a: Admitted): Promise<Response> {
  const { route } = a;
  const url = upstreamUrl(route.provider, route.model, 'count_tokens', false)!;
  const bytes = route.rewritten
    ? (replaceModelBytes(a.bytes, route.model) ??
      new TextEncoder().encode(JSON.stringify({ ...a.json, model: route.model })))
    : a.bytes;
  const { idleMs } = rt.limits;
  const call = await callUpstream(upstreamFetchOf(rt.config), url, {
    headers: upstreamHeaders(route.provider, req.headers, {
      anthropicVersion: a.clientVersion ?? '2023-06-01',
      clientIsAnthropic: true,
      stream: false,
    }),
    body: bytes,
    clientSignal: req.signal,
    headersTimeoutMs: idleMs,
  });
  if (!call.ok) {
    logFailedCall(rt, a.requestId, route.providerName, call);
    return clientError('anthropic-messages', failedCallStatus(call.reason), call.message);
  }
  const res = call.response;
  const read = await readTextWithin(res, idleMs, () => call.abort.abort(new Error('upstream body timeout')));
  call.done();
  if ('timedOut' in read)
    return clientError(
      'anthropic-messages',
      504,
      `upstream ${route.providerName} body not complete within ${idleMs} ms`,
    );
  const text = 'text' in read ? read.text : '';
  // a pass-through: nothing is lost
  const headers = lossHeaders(rt, req, []);
  if (!res.ok)
    return relayUpstreamError(
      rt,
      {
        status: res.status,
        headers: res.headers,
        text,
        from: 'anthropic-messages',
        providerName: route.providerName,
        clientKeySent: route.provider.forwardClientKey === true,
      },
      'anthropic-messages',
      {},
      headers,
    );
  if ('error' in read)
    return clientError('anthropic-messages', 502, `upstream ${route.providerName} response could not be read`);
  return new Response(rt.redact.whole(text), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * `POST /v1/messages/count_tokens`. Anthropic providers: forwarded. Gemini providers: translated to
 * `:countTokens`; Bedrock providers to CountTokens (`/model/{model}/count-tokens`); Vertex providers to
 * `count-tokens:rawPredict`. Others: estimated locally with a real tokenizer and marked `x-crosswire-estimate: true`.
 */
export async function handleCountTokens(rt: GatewayRuntime, req: Request): Promise<Response> {
  const admitted = await admit(rt, req, 'anthropic-messages', 'count_tokens');
  if (admitted instanceof Response) return admitted;
  // the tokens of URL media the provider cannot take are counted on its bytes, as the generation would send them
  const media = mediaModeOf(admitted) === 'pass' ? undefined : await inlineHubMedia(rt, req, admitted, admitted.json);
  if (media && !media.ok) return media.response;
  const a: Admitted =
    media && media.body !== admitted.json ? { ...admitted, json: media.body as Record<string, unknown> } : admitted;
  const { route } = a;
  if (route.provider.format === 'anthropic-messages') return forward(rt, req, a);
  if (route.provider.format === 'gemini') return countGeminiTokens(rt, req, a);
  if (isCountingFormat(route.provider.format)) return countProviderTokens(rt, req, a, route.provider.format);
  const estimator = TOKEN_ESTIMATORS[route.provider.format];
  if (!estimator) {
    return clientError(
      'anthropic-messages',
      400,
      `count_tokens is not available for provider ${route.providerName} (${route.provider.format})`,
    );
  }
  try {
    const n = await estimator(a.json, route.model, route.provider);
    return jsonResponse(200, { input_tokens: n }, { [ESTIMATE_HEADER]: 'true' });
  } catch (e) {
    if (isTranslationError(e)) return clientError('anthropic-messages', 400, e.message, { param: e.path });
    // the OpenAI estimate's tokenizer is an optional dependency
    if (e instanceof TokenizerUnavailableError) return clientError('anthropic-messages', 501, e.message);
    throw e;
  }
}
