import { isTranslationError } from '../core/errors.js';
import type { Loss } from '../core/losses.js';
import type { AnthropicVersion, RequestContext, TranslateOptions, TranslationResult } from '../core/options.js';
import { asksForStreamUsage } from '../formats/openai-chat/stream-end.js';
import { getCodec, requestFromHub, requestToHub, translateRequest, translateResponse } from '../translate/translate.js';
import { callUpstream, failedCallStatus, logFailedCall, upstreamFetchOf } from './call-upstream.js';
import { type ClientFormat, clientError, jsonResponse, translationErrorStatus } from './client-error.js';
import { type Admitted, admit, logLosses, lossHeaders, wantsStrictOpenAI } from './exchange-context.js';
import { checkJsonShape, jsonShapeMessage } from './json-shape.js';
import { inlineHubMedia, mediaModeOf } from './media.js';
import { readTextWithin } from './read-text-within.js';
import { relayStream } from './relay-stream.js';
import { relayUpstreamError } from './relay-upstream-error.js';
import { replaceModelBytes } from './replace-model-bytes.js';
import type { GatewayRuntime } from './runtime.js';
import { responseBody } from './upstream-fetch.js';
import { upstreamHeaders, upstreamUrl } from './upstream-request.js';
import { isUrlModelFormat } from './url-model-format.js';

const encoder = new TextEncoder();

/** The id of a response the gateway builds for the client: `msg_…` / `chatcmpl-…` / `resp_…`. */
export function newResponseId(format: ClientFormat, random: () => string): string {
  const r = random().replace(/-/g, '');
  if (format === 'openai-chat') return `chatcmpl-${r}`;
  if (format === 'openai-responses') return `resp_${r}`;
  // Bedrock InvokeModel and Vertex answer with the Anthropic Message itself
  return format === 'gemini' || format === 'bedrock-converse' ? r : `msg_${r}`;
}

/** The request bytes for the upstream, and what the translation learned. */
async function upstreamBody(
  rt: GatewayRuntime,
  req: Request,
  a: Admitted,
  anthropicVersion: AnthropicVersion,
  stream: boolean,
  clientBeta: string | undefined,
  strictOpenAI: boolean,
): Promise<
  { ok: true; bytes: Uint8Array; losses: Loss[]; context: RequestContext } | { ok: false; response: Response }
> {
  const { route, clientFormat } = a;
  if (route.provider.format === clientFormat) {
    // same format: the client's bytes, only the model renamed when routing stripped a prefix
    let bytes = a.bytes;
    if (route.rewritten && !isUrlModelFormat(clientFormat))
      bytes =
        replaceModelBytes(a.bytes, route.model) ?? encoder.encode(JSON.stringify({ ...a.json, model: route.model }));
    const context: RequestContext = clientBeta ? { anthropicBeta: clientBeta } : {};
    // the relay checks the stream's end by the format's rule, which needs to know whether usage was asked for
    if (clientFormat === 'openai-chat' && asksForStreamUsage(a.json)) context.includeUsage = true;
    return { ok: true, bytes, losses: [], context };
  }
  try {
    // Gemini / Bedrock / Vertex bodies carry no model (it is in the URL): it goes in through the options
    const urlModel = isUrlModelFormat(clientFormat);
    const input = urlModel ? a.json : { ...a.json, model: route.model };
    const options: TranslateOptions = { strict: rt.config.strict, anthropicVersion };
    if (strictOpenAI) options.strictOpenAI = true;
    if (urlModel) {
      options.model = route.model;
      options.stream = stream;
    }
    // an Anthropic client's betas ride in the body of a Bedrock InvokeModel request
    if (clientBeta) options.context = { ...options.context, anthropicBeta: clientBeta };
    const to = route.provider.format;
    // URL media is inlined (or refused) on the hub body, between the two halves of the translation
    const atHub = mediaModeOf(a) === 'pass' ? undefined : requestToHub(clientFormat, to, input, options);
    let r: TranslationResult<unknown>;
    if (atHub) {
      const media = await inlineHubMedia(rt, req, a, atHub.body);
      if (!media.ok) return media;
      r = requestFromHub(atHub, media.body, options);
    } else r = translateRequest(clientFormat, to, input, options);
    return { ok: true, bytes: encoder.encode(JSON.stringify(r.body)), losses: r.losses, context: r.context };
  } catch (e) {
    if (isTranslationError(e)) {
      const status = translationErrorStatus(e);
      return { ok: false, response: clientError(clientFormat, status, e.message, { param: e.path }) };
    }
    throw e;
  }
}

/**
 * One generation exchange: route, translate, call upstream, translate back. `fromUrl`: the model and the
 * stream flag of client formats that put them in the URL (Gemini, Bedrock, Vertex).
 */
export async function handleGenerate(
  rt: GatewayRuntime,
  req: Request,
  clientFormat: ClientFormat,
  fromUrl?: { model: string; stream: boolean },
): Promise<Response> {
  const config = rt.config;
  const a = await admit(rt, req, clientFormat, 'generate', fromUrl?.model);
  if (a instanceof Response) return a;
  const { route } = a;
  const provider = route.provider;
  const stream = fromUrl ? fromUrl.stream : a.json.stream === true;
  // the version the Anthropic side of this exchange speaks
  const anthropicVersion: AnthropicVersion = a.clientVersion ?? provider.anthropicVersion ?? '2023-06-01';
  let url: string | undefined;
  try {
    url = upstreamUrl(provider, route.model, 'generate', stream);
  } catch (e) {
    // a model the provider's URL cannot carry (a `.` or `..` path segment)
    if (isTranslationError(e)) return clientError(clientFormat, 400, e.message, { param: 'model' });
    throw e;
  }
  if (!url)
    return clientError(
      clientFormat,
      501,
      `provider ${route.providerName} speaks ${provider.format}, which this gateway cannot call`,
    );

  const clientBeta =
    clientFormat === 'anthropic-messages' ? (req.headers.get('anthropic-beta') ?? undefined) : undefined;
  const strictOpenAI = wantsStrictOpenAI(req);
  const body = await upstreamBody(rt, req, a, anthropicVersion, stream, clientBeta, strictOpenAI);
  if (!body.ok) return body.response;
  logLosses(rt, a, 'request', provider.format, body.losses);

  const { idleMs } = rt.limits;
  const call = await callUpstream(upstreamFetchOf(config), url, {
    headers: upstreamHeaders(provider, req.headers, {
      anthropicVersion,
      clientIsAnthropic: clientFormat === 'anthropic-messages',
      stream,
      anthropicBeta: body.context.anthropicBeta,
    }),
    body: body.bytes,
    clientSignal: req.signal,
    headersTimeoutMs: idleMs,
  });
  if (!call.ok) {
    const status = failedCallStatus(call.reason);
    logFailedCall(rt, a.requestId, route.providerName, call);
    return clientError(clientFormat, status, call.message);
  }
  const upstream = call.response;
  const now = (config.now ?? Date.now)();
  const random = config.randomId ?? (() => crypto.randomUUID());
  const options: TranslateOptions = {
    strict: config.strict,
    id: newResponseId(clientFormat, random),
    created: Math.floor(now / 1000),
    anthropicVersion,
    context: body.context,
    ...(isUrlModelFormat(clientFormat) ? { model: route.model } : {}),
    ...(strictOpenAI ? { strictOpenAI } : {}),
  };
  const lossHeader = lossHeaders(rt, req, body.losses);

  // a whole body to read (error, or non-stream answer): bounded by the idle timeout too
  const readBody = async () => {
    const r = await readTextWithin(upstream, idleMs, () =>
      call.abort.abort(new Error(`upstream body not complete within ${idleMs} ms`)),
    );
    call.done();
    return r;
  };

  if (!upstream.ok) {
    const r = await readBody();
    const text = 'text' in r ? r.text : '';
    return relayUpstreamError(
      rt,
      {
        status: upstream.status,
        headers: upstream.headers,
        text,
        from: provider.format,
        providerName: route.providerName,
        clientKeySent: provider.forwardClientKey === true,
      },
      clientFormat,
      options,
      lossHeader,
    );
  }

  const contentType = upstream.headers.get('content-type') ?? '';
  if (stream) {
    const upstreamStream = responseBody(upstream);
    if (!upstreamStream || !/event-stream|eventstream/i.test(contentType)) {
      call.done();
      await upstreamStream?.cancel().catch(() => {});
      return clientError(
        clientFormat,
        502,
        `upstream ${route.providerName} answered a stream request with ${contentType || 'no content type'}`,
      );
    }
    const out = relayStream(upstreamStream, {
      from: provider.format,
      to: clientFormat,
      idleMs,
      abortUpstream: () => call.abort.abort(new Error('stream ended')),
      translate: options,
      onEnd: call.done,
      onLosses: (losses) => logLosses(rt, a, 'stream', provider.format, losses),
      redact: rt.redact,
    });
    return new Response(out, {
      status: 200,
      headers: { 'content-type': getCodec(clientFormat).streamContentType, 'cache-control': 'no-cache', ...lossHeader },
    });
  }

  const read = await readBody();
  if ('timedOut' in read)
    return clientError(clientFormat, 504, `upstream ${route.providerName} body not complete within ${idleMs} ms`);
  if ('error' in read) {
    const message = read.error instanceof Error ? read.error.message : String(read.error);
    return clientError(clientFormat, 502, `upstream ${route.providerName} response could not be read: ${message}`);
  }
  // a configured secret in an answer is the upstream's doing (it echoed what it was sent): never relayed
  const text = rt.redact.whole(read.text);
  if (provider.format === clientFormat) {
    return new Response(text, {
      status: upstream.status,
      headers: { 'content-type': contentType || 'application/json', ...lossHeader },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return clientError(clientFormat, 502, `upstream ${route.providerName} sent a response that is not JSON`);
  }
  // the translators recurse into what they convert (tool inputs, schemas): an answer nested deeper than a
  // request may be is refused before they see it
  const tooDeep = checkJsonShape(text, rt.limits.maxJsonDepth, { duplicateKeys: false });
  if (tooDeep)
    return clientError(
      clientFormat,
      502,
      `upstream ${route.providerName} sent a response the gateway does not translate: ${jsonShapeMessage(tooDeep)}`,
    );
  try {
    const r = translateResponse(provider.format, clientFormat, json, options);
    logLosses(rt, a, 'response', provider.format, r.losses);
    return jsonResponse(200, r.body, lossHeaders(rt, req, body.losses, body.losses.length + r.losses.length));
  } catch (e) {
    if (isTranslationError(e))
      return clientError(
        clientFormat,
        502,
        `upstream ${route.providerName} response could not be translated: ${e.message}`,
      );
    throw e;
  }
}
