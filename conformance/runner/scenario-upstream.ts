import type { FormatId } from '../../src/core/formats.js';
import { bedrockExceptionForStatus } from '../../src/formats/bedrock-invoke/errors.js';
import { getCodec, translateResponse } from '../../src/translate/translate.js';
import { translateStream } from '../../src/translate/translate-stream.js';
import { renameStrings, toolNameMap } from '../meaning/tool-names.js';
import { readAll, streamOf } from '../scenarios/library-exchange.js';
import type { Scenario } from '../scenarios/load-scenarios.js';
import { isBedrockAlternate, scenarioModel } from '../scenarios/meaning-checks.js';
import type { ExchangeMode } from '../scenarios/run-scenario.js';
import { encodeFrames } from '../scenarios/stream-frames.js';

/** What the upstream saw for the armed exchange. */
export interface UpstreamSeen {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** parsed JSON body (or the raw text when it is not JSON) */
  body: unknown;
  /** the format of the endpoint the request went to (`undefined`: no known endpoint) */
  format?: FormatId;
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
  if (/\/responses(\/input_tokens)?$/.test(path)) return 'openai-responses';
  if (/\/messages(\/count_tokens)?$/.test(path)) return 'anthropic-messages';
  if (/:((stream)?[gG]enerateContent|countTokens)$/.test(path)) return 'gemini';
  if (/^\/model\/.+\/(invoke|invoke-with-response-stream)$/.test(path)) return 'bedrock-invoke';
  if (/^\/model\/.+\/(converse|converse-stream)$/.test(path)) return 'bedrock-converse';
  // Bedrock CountTokens serves both: the body says which (`input.invokeModel` / `input.converse`)
  if (/^\/model\/.+\/count-tokens$/.test(path)) return 'bedrock-count-tokens';
  if (/\/publishers\/anthropic\/models\/[^/]+:(stream)?[rR]awPredict$/.test(path)) return 'vertex-anthropic';
  return undefined;
}

/** The scenario's upstream stream with tool names renamed (`undefined`: nothing to rename). */
function renamedStream(scenario: Scenario, names: ReadonlyMap<string, string>): Uint8Array | undefined {
  if (names.size === 0 || scenario.upstreamStream === undefined) return undefined;
  if (scenario.upstreamFrames !== undefined)
    return encodeFrames(scenario.upstream, renameStrings(scenario.upstreamFrames, names) as unknown[]);
  let text = new TextDecoder().decode(scenario.upstreamStream);
  for (const [from, to] of names) text = text.split(JSON.stringify(from)).join(JSON.stringify(to));
  return new TextEncoder().encode(text);
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
    seen.format = format;
    // Claude on Bedrock is served by InvokeModel and Converse alike: the other API gets the same answer in its format
    const alternate = isBedrockAlternate(scenario.upstream, format);
    const answerFormat = alternate ? format : scenario.upstream;
    if (format !== scenario.upstream && !alternate)
      problems.push(
        `request went to ${url.pathname} (${format ?? 'unknown endpoint'}), expected a ${scenario.upstream} endpoint`,
      );
    if (strict && typeof body !== 'string') {
      const verdict = await strict(answerFormat, req, body);
      if (verdict) {
        problems.push(...verdict.problems);
        if (verdict.reject) return verdict.reject;
      }
    }
    // the answer calls the tools by the names the gateway declared, not the ones the reference would have chosen
    const names =
      typeof body === 'string' || format === undefined
        ? new Map<string, string>()
        : toolNameMap(scenario.upstream, scenario.upstreamRequest, body, format);
    switch (mode) {
      case 'json': {
        const answer = alternate
          ? translateResponse(scenario.upstream, answerFormat, scenario.upstreamResponse, {
              model: scenarioModel(scenario),
            }).body
          : scenario.upstreamResponse;
        return new Response(JSON.stringify(renameStrings(answer, names)), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }
      case 'error': {
        const e = scenario.upstreamError;
        const status = e?.status ?? 500;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        // Bedrock names the exception in a header (the AWS SDKs read it); both Bedrock APIs share the error body
        if (answerFormat.startsWith('bedrock-')) headers['x-amzn-errortype'] = bedrockExceptionForStatus(status);
        return new Response(JSON.stringify(e?.body), { status, headers });
      }
      case 'stream': {
        const original = renamedStream(scenario, names) ?? scenario.upstreamStream ?? new Uint8Array();
        const bytes = alternate
          ? await readAll(
              translateStream(scenario.upstream, answerFormat, streamOf([original]), {
                model: scenarioModel(scenario),
              }),
            )
          : original;
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
        return new Response(stream, { status: 200, headers: { 'content-type': streamType(answerFormat) } });
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
