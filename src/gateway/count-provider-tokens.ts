import { isTranslationError } from '../core/errors.js';
import type { Loss } from '../core/losses.js';
import type { AnthropicVersion } from '../core/options.js';
import { bedrockCountTokensBody, bedrockCountTokensPath, bedrockInputTokens } from './bedrock-count-tokens-body.js';
import { callUpstream, failedCallStatus, logFailedCall, upstreamFetchOf } from './call-upstream.js';
import { clientError, jsonResponse, translationErrorStatus } from './client-error.js';
import type { ProviderConfig } from './config.js';
import { type Admitted, logLosses, lossHeaders } from './exchange-context.js';
import { readTextWithin } from './read-text-within.js';
import { relayUpstreamError } from './relay-upstream-error.js';
import type { GatewayRuntime } from './runtime.js';
import { upstreamHeaders, upstreamUrl } from './upstream-request.js';
import { anthropicInputTokens, vertexCountTokensBody } from './vertex-count-tokens-body.js';

const encoder = new TextEncoder();

/** The provider formats whose own count endpoint this file calls. */
export type CountingFormat = 'bedrock-invoke' | 'bedrock-converse' | 'vertex-anthropic';

export function isCountingFormat(format: string): format is CountingFormat {
  return format === 'bedrock-invoke' || format === 'bedrock-converse' || format === 'vertex-anthropic';
}

/** How one provider format counts: its body, its URL (undefined: cannot be called), its answer, its name. */
export interface Counter {
  build(
    body: Record<string, unknown>,
    model: string,
    anthropicVersion: AnthropicVersion,
    strict: boolean | undefined,
  ): { body: unknown; losses: Loss[] };
  url(provider: ProviderConfig, model: string): string | undefined;
  /** the token count in the provider's answer, or undefined when the answer is not one */
  read(json: unknown): number | undefined;
  /** the endpoint's name, for error messages */
  endpoint: string;
  /** what a good answer is, for the 502 when it is not one */
  answer: string;
  /** what the provider config needs for `url` to give one, for the 501 when it does not */
  needs?: string;
}

const join = (base: string, path: string) => base.replace(/\/+$/, '') + path;

const bedrock = (format: 'bedrock-invoke' | 'bedrock-converse'): Counter => ({
  build: (body, model, anthropicVersion, strict) =>
    bedrockCountTokensBody(format, body, model, { strict, anthropicVersion }),
  url: (provider, model) => join(provider.baseUrl, bedrockCountTokensPath(model)),
  read: bedrockInputTokens,
  endpoint: 'CountTokens',
  answer: 'a token count',
});

const COUNTERS: Record<CountingFormat, Counter> = {
  'bedrock-invoke': bedrock('bedrock-invoke'),
  'bedrock-converse': bedrock('bedrock-converse'),
  'vertex-anthropic': {
    build: (body, model, anthropicVersion, strict) => vertexCountTokensBody(body, model, { strict, anthropicVersion }),
    url: (provider, model) => upstreamUrl(provider, model, 'count_tokens', false),
    read: anthropicInputTokens,
    endpoint: 'count-tokens:rawPredict',
    answer: 'a token count',
    needs: 'Vertex needs project and region',
  },
};

/**
 * Anthropic count_tokens for a Bedrock or Vertex provider: the body translated as `/v1/messages` would translate it
 * and sent to the provider's own count endpoint (Bedrock `POST /model/{model}/count-tokens`, `{ inputTokens }`;
 * Vertex `…/models/count-tokens:rawPredict`, `{ input_tokens }`); the answer is `{ input_tokens }`, an exact
 * count (no estimate header). Losses are reported as for `/v1/messages`; upstream errors come back as Anthropic errors.
 */
export function countProviderTokens(
  rt: GatewayRuntime,
  req: Request,
  a: Admitted,
  format: CountingFormat,
): Promise<Response> {
  return countTokensWith(rt, req, a, COUNTERS[format]);
}

/**
 * Anthropic count_tokens through a provider's own count endpoint, as `counter` describes it: a body that cannot be
 * translated is a 400, losses are logged and sent as headers, upstream errors are relayed as Anthropic errors, and the count
 * comes back as `{ input_tokens }`.
 */
export async function countTokensWith(
  rt: GatewayRuntime,
  req: Request,
  a: Admitted,
  counter: Counter,
): Promise<Response> {
  const config = rt.config;
  const { route } = a;
  const provider = route.provider;
  const anthropicVersion = a.clientVersion ?? '2023-06-01';
  let built: { body: unknown; losses: Loss[] };
  try {
    built = counter.build(a.json, route.model, anthropicVersion, config.strict);
  } catch (e) {
    if (isTranslationError(e)) {
      const status = translationErrorStatus(e);
      return clientError('anthropic-messages', status, e.message, { param: e.path });
    }
    throw e;
  }
  logLosses(rt, a, 'request', provider.format, built.losses);
  const headers = lossHeaders(rt, req, built.losses);

  let url: string | undefined;
  try {
    url = counter.url(provider, route.model);
  } catch (e) {
    // a model the provider's URL cannot carry (a `.` or `..` path segment)
    if (isTranslationError(e)) return clientError('anthropic-messages', 400, e.message, { param: 'model', headers });
    throw e;
  }
  if (!url) {
    const needs = counter.needs === undefined ? '' : ` (${counter.needs})`;
    return clientError(
      'anthropic-messages',
      501,
      `provider ${route.providerName} has no ${counter.endpoint} endpoint this gateway can call${needs}`,
      { headers },
    );
  }
  const { idleMs } = rt.limits;
  const call = await callUpstream(upstreamFetchOf(config), url, {
    headers: upstreamHeaders(provider, req.headers, { anthropicVersion, clientIsAnthropic: true, stream: false }),
    body: encoder.encode(JSON.stringify(built.body)),
    clientSignal: req.signal,
    headersTimeoutMs: idleMs,
  });
  if (!call.ok) {
    const status = failedCallStatus(call.reason);
    logFailedCall(rt, a.requestId, route.providerName, call);
    return clientError('anthropic-messages', status, call.message, { headers });
  }
  const res = call.response;
  const read = await readTextWithin(res, idleMs, () => call.abort.abort(new Error('upstream body timeout')));
  call.done();
  if ('timedOut' in read)
    return clientError(
      'anthropic-messages',
      504,
      `upstream ${route.providerName} body not complete within ${idleMs} ms`,
      { headers },
    );
  const text = 'text' in read ? read.text : '';
  if (!res.ok)
    return relayUpstreamError(
      rt,
      {
        status: res.status,
        headers: res.headers,
        text,
        from: provider.format,
        providerName: route.providerName,
        clientKeySent: provider.forwardClientKey === true,
      },
      'anthropic-messages',
      { anthropicVersion },
      headers,
    );
  let n: number | undefined;
  try {
    n = 'error' in read ? undefined : counter.read(JSON.parse(text));
  } catch {
    n = undefined;
  }
  if (n === undefined)
    return clientError(
      'anthropic-messages',
      502,
      `upstream ${route.providerName} ${counter.endpoint} answer is not ${counter.answer}`,
      { headers },
    );
  return jsonResponse(200, { input_tokens: n }, headers);
}
