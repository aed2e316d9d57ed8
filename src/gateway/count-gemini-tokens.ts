import { isTranslationError } from '../core/errors.js';
import { callUpstream, upstreamFetchOf } from './call-upstream.js';
import { clientError, jsonResponse } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { type Admitted, defaultLog, limits, logLosses, lossHeaders } from './exchange-context.js';
import { geminiCountTokensBody, geminiTotalTokens } from './gemini-count-tokens-body.js';
import { readTextWithin } from './read-text-within.js';
import { relayUpstreamError } from './relay-upstream-error.js';
import { upstreamHeaders, upstreamUrl } from './upstream-request.js';

const encoder = new TextEncoder();

/**
 * Anthropic count_tokens for a Gemini provider: the body translated and wrapped for
 * `POST {baseUrl}/v1beta/models/{model}:countTokens`, the answer `{ totalTokens }` returned as
 * `{ input_tokens }` (an exact count, no estimate header). Upstream errors are translated to Anthropic errors.
 */
export async function countGeminiTokens(config: GatewayConfig, req: Request, a: Admitted): Promise<Response> {
  const { route } = a;
  const provider = route.provider;
  const anthropicVersion = a.clientVersion ?? '2023-06-01';
  let built: ReturnType<typeof geminiCountTokensBody>;
  try {
    built = geminiCountTokensBody(a.json, route.model, { strict: config.strict, anthropicVersion });
  } catch (e) {
    if (isTranslationError(e)) {
      const status = e.kind === 'unsupported' || e.kind === 'loss' || e.kind === 'invalid_input' ? 400 : 500;
      return clientError('anthropic-messages', status, e.message, { param: e.path });
    }
    throw e;
  }
  logLosses(config, a, 'request', provider.format, built.losses);
  const headers = lossHeaders(req, built.losses);

  const url = upstreamUrl(provider, route.model, 'count_tokens', false);
  if (!url) return clientError('anthropic-messages', 501, `provider ${route.providerName} has no countTokens endpoint this gateway can call`);
  const { idleMs } = limits(config);
  const call = await callUpstream(upstreamFetchOf(config), url, {
    headers: upstreamHeaders(provider, req.headers, { anthropicVersion, clientIsAnthropic: true, stream: false }),
    body: encoder.encode(JSON.stringify(built.body)),
    clientSignal: req.signal,
    headersTimeoutMs: idleMs,
  });
  if (!call.ok) {
    const status = call.reason === 'timeout' ? 504 : call.reason === 'client_gone' ? 499 : 502;
    (config.log ?? defaultLog)({ event: 'upstream_failed', requestId: a.requestId, provider: route.providerName, reason: call.reason, message: call.message });
    return clientError('anthropic-messages', status, call.message, { headers });
  }
  const res = call.response;
  const read = await readTextWithin(res, idleMs, () => call.abort.abort(new Error('upstream body timeout')));
  call.done();
  if ('timedOut' in read) return clientError('anthropic-messages', 504, `upstream ${route.providerName} body not complete within ${idleMs} ms`, { headers });
  const text = 'text' in read ? read.text : '';
  if (!res.ok) return relayUpstreamError({ status: res.status, headers: res.headers, text }, 'gemini', 'anthropic-messages', route.providerName, { anthropicVersion }, headers);
  let n: number | undefined;
  try {
    n = 'error' in read ? undefined : geminiTotalTokens(JSON.parse(text));
  } catch {
    n = undefined;
  }
  if (n === undefined) return clientError('anthropic-messages', 502, `upstream ${route.providerName} countTokens answer is not a CountTokensResponse`, { headers });
  return jsonResponse(200, { input_tokens: n }, headers);
}
