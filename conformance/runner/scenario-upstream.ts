import type { FormatId } from '../../src/core/formats.js';
import { getCodec } from '../../src/translate/translate.js';
import type { Scenario } from '../scenarios/load-scenarios.js';
import type { ExchangeMode } from '../scenarios/run-scenario.js';

/** What the upstream saw for the armed exchange. */
export interface UpstreamSeen {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** parsed JSON body (or the raw text when it is not JSON) */
  body: unknown;
  /** problems the upstream found with the request (`[]`: accepted) */
  problems: string[];
}

/**
 * Checks a request the way the real provider would (spec + provider rules), answering with that
 * provider's own error when it is wrong. `undefined`: accepted.
 */
export type StrictCheck = (
  format: FormatId,
  req: Request,
  body: unknown,
) => Promise<{ problems: string[]; reject?: Response } | undefined>;

function endpointFormat(path: string): FormatId | 'bedrock-count-tokens' | undefined {
  if (/\/chat\/completions$/.test(path)) return 'openai-chat';
  if (/\/messages(\/count_tokens)?$/.test(path)) return 'anthropic-messages';
  if (/:((stream)?[gG]enerateContent|countTokens)$/.test(path)) return 'gemini';
  if (/^\/model\/.+\/(invoke|invoke-with-response-stream)$/.test(path)) return 'bedrock-invoke';
  if (/^\/model\/.+\/(converse|converse-stream)$/.test(path)) return 'bedrock-converse';
  // Bedrock CountTokens serves both: the body says which (`input.invokeModel` / `input.converse`)
  if (/^\/model\/.+\/count-tokens$/.test(path)) return 'bedrock-count-tokens';
  if (/\/publishers\/anthropic\/models\/[^/]+:(stream)?[rR]awPredict$/.test(path)) return 'vertex-anthropic';
  return undefined;
}

/** The stream content type of an upstream format (its codec's). */
function streamType(format: FormatId): string {
  try {
    return getCodec(format).streamContentType;
  } catch {
    return 'application/octet-stream';
  }
}

/**
 * A loopback upstream for the live runner. Before each exchange the runner arms it with a scenario and
 * a mode; the next request is checked (path for the scenario's upstream format, optional strict check)
 * and recorded, and answered with the scenario's `upstream-response.json`, `upstream-stream.sse`
 * (re-chunked in small pieces to exercise incremental parsing) or `upstream-error.json`.
 * Exchanges must run one at a time.
 */
export function createScenarioUpstream(strict?: StrictCheck) {
  let armed: { scenario: Scenario; mode: ExchangeMode } | undefined;
  let seen: UpstreamSeen | undefined;
  let received = 0;

  async function handler(req: Request): Promise<Response> {
    received++;
    const url = new URL(req.url);
    const text = await req.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text: a problem below
    }
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const problems: string[] = [];
    seen = { method: req.method, path: url.pathname + url.search, headers, body, problems };
    if (!armed) return new Response('no scenario armed', { status: 500 });
    const { scenario, mode } = armed;
    armed = undefined;
    if (typeof body === 'string') problems.push('request body is not JSON');
    const endpoint = endpointFormat(url.pathname);
    const format =
      endpoint === 'bedrock-count-tokens'
        ? scenario.upstream.startsWith('bedrock-')
          ? scenario.upstream
          : undefined
        : endpoint;
    if (format !== scenario.upstream)
      problems.push(
        `request went to ${url.pathname} (${format ?? 'unknown endpoint'}), expected a ${scenario.upstream} endpoint`,
      );
    if (strict && typeof body !== 'string') {
      const verdict = await strict(scenario.upstream, req, body);
      if (verdict) {
        problems.push(...verdict.problems);
        if (verdict.reject) return verdict.reject;
      }
    }
    switch (mode) {
      case 'json':
        return new Response(JSON.stringify(scenario.upstreamResponse), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      case 'error': {
        const e = scenario.upstreamError;
        return new Response(JSON.stringify(e?.body), {
          status: e?.status ?? 500,
          headers: { 'content-type': 'application/json' },
        });
      }
      case 'stream': {
        const bytes = scenario.upstreamStream ?? new Uint8Array();
        let at = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at >= bytes.length) {
              controller.close();
              return;
            }
            controller.enqueue(bytes.slice(at, at + 97));
            at += 97;
          },
        });
        return new Response(stream, { status: 200, headers: { 'content-type': streamType(scenario.upstream) } });
      }
    }
  }

  return {
    handler,
    /** the next request gets this scenario's answer for `mode` */
    arm(scenario: Scenario, mode: ExchangeMode): void {
      armed = { scenario, mode };
      seen = undefined;
    },
    /** what the upstream saw since the last `arm` (undefined: nothing arrived) */
    seen(): UpstreamSeen | undefined {
      return seen;
    },
    /** how many requests arrived since the upstream was created, armed or not */
    received(): number {
      return received;
    },
  };
}

export type ScenarioUpstream = ReturnType<typeof createScenarioUpstream>;
