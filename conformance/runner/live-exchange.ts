import type { FormatId } from '../../src/core/formats.js';
import type { Loss } from '../../src/core/losses.js';
import type { Scenario } from '../scenarios/load-scenarios.js';
import type { Exchange, ExchangeMode, ExchangeOutcome } from '../scenarios/run-scenario.js';
import { normalizeBodyIds, normalizeStreamIds } from './normalize-ids.js';
import { CLIENT_KEY, type Preset, presetHeaders, routedModel, VERTEX_LOCATION } from './presets.js';
import type { ScenarioUpstream } from './scenario-upstream.js';

/** Formats whose clients put the model (and the stream choice) in the URL. */
function modelInUrl(format: FormatId): boolean {
  return (
    format === 'gemini' || format === 'bedrock-invoke' || format === 'bedrock-converse' || format === 'vertex-anthropic'
  );
}

/** How the client names the model: the preset's template, or a `--model-template` over it. */
export interface ModelRouting {
  preset: Preset;
  /** `{provider}` and `{model}` filled in per scenario; overrides the preset's template */
  modelTemplate?: string;
}

export interface LiveExchangeOptions extends ModelRouting {
  /** the gateway under test, e.g. `http://127.0.0.1:8787` */
  gatewayUrl: string;
  /** our loopback upstream, when `--upstream mocks` */
  upstream?: ScenarioUpstream;
  mockUrl?: string;
  /** extra headers on every client request */
  headers?: Record<string, string>;
  /** per-request time limit (ms) */
  timeoutMs?: number;
  /** replace the response ids/created by the expected ones before comparing (default true) */
  normalizeIds?: boolean;
}

function modelFor(model: unknown, s: Scenario, r: ModelRouting): string {
  return routedModel(typeof model === 'string' ? model : 'model', s.upstream, r.preset, r.modelTemplate);
}

/** The client request a scenario sends for a mode, with the model routed the way the preset wants. */
export function clientRequestFor(s: Scenario, mode: ExchangeMode, routing: ModelRouting): Record<string, unknown> {
  const base = (s.clientRequest ?? {}) as Record<string, unknown>;
  // Gemini, Bedrock, Vertex: model and streaming are in the URL (clientPath), the body is sent as it is
  if (modelInUrl(s.client)) return base;
  const body: Record<string, unknown> = { ...base };
  if (mode === 'stream') body.stream = true;
  else if (base.stream === true && s.upstreamResponse !== undefined && mode === 'json') body.stream = false;
  body.model = modelFor(base.model, s, routing);
  return body;
}

function clientHeaders(s: Scenario, o: LiveExchangeOptions): Record<string, string> {
  // ask a crosswire gateway for its request-translation losses (other gateways ignore it)
  const h: Record<string, string> = { 'content-type': 'application/json', 'x-crosswire-debug': 'losses' };
  // a non-Anthropic client picks the version spoken to an Anthropic upstream with this header
  if (s.meta.anthropicVersion) h['anthropic-version'] = s.meta.anthropicVersion;
  if (s.client === 'anthropic-messages') {
    h['anthropic-version'] = s.meta.anthropicVersion ?? '2023-06-01';
    if (s.meta.anthropicVersion === '2026-10-21') h.authorization = `Bearer ${CLIENT_KEY}`;
    else h['x-api-key'] = CLIENT_KEY;
    // beta names a library run passes as options.context.anthropicBeta are the client's anthropic-beta header
    const beta = s.meta.options?.context?.anthropicBeta;
    if (typeof beta === 'string' || Array.isArray(beta))
      h['anthropic-beta'] = Array.isArray(beta) ? beta.join(',') : beta;
  } else if (s.client === 'gemini') {
    h['x-goog-api-key'] = CLIENT_KEY;
  } else {
    h.authorization = `Bearer ${CLIENT_KEY}`;
  }
  return { ...h, ...presetHeaders(o.preset, s.upstream, o.mockUrl), ...o.headers };
}

/** The endpoint a client of the scenario's format calls (Gemini: the model is in the path). */
export function clientPath(s: Scenario, mode: ExchangeMode, routing: ModelRouting): string {
  if (s.client === 'anthropic-messages')
    return s.meta.endpoint === 'count_tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
  if (s.client === 'openai-chat') return '/v1/chat/completions';
  if (s.client === 'openai-responses') return '/v1/responses';
  const model = modelFor(s.meta.options?.model, s, routing);
  if (s.client === 'gemini') {
    return `/v1beta/models/${model}:${mode === 'stream' ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
  if (s.client === 'bedrock-invoke') {
    return `/model/${encodeURIComponent(model)}/${mode === 'stream' ? 'invoke-with-response-stream' : 'invoke'}`;
  }
  if (s.client === 'bedrock-converse') {
    return `/model/${encodeURIComponent(model)}/${mode === 'stream' ? 'converse-stream' : 'converse'}`;
  }
  if (s.client === 'vertex-anthropic') {
    const { project, region } = VERTEX_LOCATION;
    return `/v1/projects/${project}/locations/${region}/publishers/anthropic/models/${encodeURIComponent(model)}:${mode === 'stream' ? 'streamRawPredict' : 'rawPredict'}`;
  }
  throw new Error(`the live runner has no client endpoint for ${s.client}`);
}

/** Read a whole body, failing if it takes longer than `ms`. */
async function readBytes(res: Response, ms: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`response body not finished within ${ms} ms`)), Math.max(left, 0));
      }),
    ]).finally(() => clearTimeout(timer));
    if (chunk.done) break;
    parts.push(chunk.value);
    total += chunk.value.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function parseLosses(header: string): Loss[] | undefined {
  try {
    const v: unknown = JSON.parse(decodeURIComponent(header));
    return Array.isArray(v) ? (v as Loss[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The request as sent, kept for the report. */
export interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * An `Exchange` against a running gateway over HTTP. With an upstream, it arms it before each exchange
 * and reports what the upstream saw (request body and strict-check problems).
 */
export function createLiveExchange(
  o: LiveExchangeOptions,
): Exchange & { lastSent(id: string): SentRequest | undefined } {
  const sent = new Map<string, SentRequest>();
  const timeoutMs = o.timeoutMs ?? 20_000;
  const exchange = async (s: Scenario, mode: ExchangeMode): Promise<ExchangeOutcome> => {
    o.upstream?.arm(s, mode);
    const body = clientRequestFor(s, mode, o);
    const url = o.gatewayUrl.replace(/\/+$/, '') + clientPath(s, mode, o);
    const headers = clientHeaders(s, o);
    sent.set(s.id, { url, headers, body });
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const bytes = await readBytes(res, timeoutMs);
    const seen = o.upstream?.seen();
    const outcome: ExchangeOutcome = { status: res.status };
    const lossDetail = res.headers.get('x-crosswire-loss-detail');
    if (lossDetail !== null) outcome.losses = parseLosses(lossDetail);
    if (o.upstream) {
      // nothing arrived: a difference to report (null), not a check that cannot be made (undefined)
      outcome.upstreamRequest = seen ? seen.body : null;
      if (seen?.format) outcome.upstreamFormat = seen.format;
      outcome.upstreamRequestProblems = seen ? seen.problems : ['the upstream received no request'];
    }
    const isStream = /event-stream|eventstream/i.test(res.headers.get('content-type') ?? '');
    if (mode === 'stream' && res.status === 200 && isStream) {
      // binary frames carry CRCs: ids in them are not rewritten (the frames are compared as events)
      outcome.stream =
        o.normalizeIds === false || !s.clientStream || s.clientFrames
          ? bytes
          : normalizeStreamIds(s.clientStream, bytes);
    } else {
      const text = new TextDecoder().decode(bytes);
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // keep the text as the body: the comparison shows it
      }
      const expected = mode === 'json' ? s.clientResponse : undefined;
      outcome.body = o.normalizeIds === false ? json : normalizeBodyIds(expected, json);
    }
    return outcome;
  };
  return Object.assign(exchange, { lastSent: (id: string) => sent.get(id) });
}
