import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { translateRequest, translateResponse } from '../../src/translate/translate.js';
import { translateStream } from '../../src/translate/translate-stream.js';
import { statusMeaning } from '../meaning/errors.js';
import {
  alignAnswer,
  alignStream,
  errorMeaning,
  requestMeaning,
  responseMeaning,
  streamMeaning,
} from '../meaning/index.js';
import { renameStrings, toolNameMap } from '../meaning/tool-names.js';
import { readAll, streamOf } from './byte-streams.js';
import { decodeClientStream } from './client-stream-events.js';
import { jsonDiff, jsonDiffEntries, show } from './diff.js';
import { type Scenario, scenarioOptions } from './load-scenarios.js';

/**
 * The meaning level of the comparison checks (`request`, `response`, `stream`, `error`): both sides projected with
 * `conformance/meaning/` and compared as JSON. Each returns what was compared and the differences.
 */
export interface Compared {
  expected: unknown;
  actual: unknown;
  problems: string[];
  /** the format the values were compared in, when not the scenario's own (the other Bedrock API) */
  comparedAs?: FormatId;
}

/** Meaning comparisons align lists (content blocks, messages, parts): an inserted element is one difference. */
const ALIGN = { align: true };

/** Bedrock serves Claude through InvokeModel and Converse alike: a gateway may pick either for a Bedrock scenario. */
export function isBedrockAlternate(expected: FormatId, actual: FormatId | undefined): actual is FormatId {
  const bedrock = (f: FormatId | undefined) => f === 'bedrock-invoke' || f === 'bedrock-converse';
  return actual !== undefined && actual !== expected && bedrock(actual) && bedrock(expected);
}

/** The model a scenario's upstream is called with (InvokeModel and Converse name it in the URL, not the body). */
export function scenarioModel(s: Scenario): string {
  const body = isRecord(s.upstreamRequest) ? s.upstreamRequest : {};
  return s.meta.options?.model ?? (typeof body.model === 'string' ? body.model : 'model');
}

/** Where a format's request carries the output limit, and whether a client request sets one. */
const LIMIT: Partial<Record<FormatId, (body: Record<string, unknown>) => unknown>> = {
  'anthropic-messages': (b) => b.max_tokens,
  'bedrock-invoke': (b) => b.max_tokens,
  'vertex-anthropic': (b) => b.max_tokens,
  'openai-chat': (b) => b.max_completion_tokens ?? b.max_tokens,
  'openai-responses': (b) => b.max_output_tokens,
  gemini: (b) => {
    const gc = b.generationConfig ?? b.generation_config;
    return isRecord(gc) ? (gc.maxOutputTokens ?? gc.max_output_tokens) : undefined;
  },
  'bedrock-converse': (b) => (isRecord(b.inferenceConfig) ? b.inferenceConfig.maxTokens : undefined),
};

/** `o` without `key`; `undefined` when nothing is left. */
function without(o: unknown, key: string): unknown {
  if (!isRecord(o)) return o;
  const { [key]: _, ...rest } = o;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function withoutLimit(format: FormatId, meaning: unknown): unknown {
  if (!isRecord(meaning)) return meaning;
  const m = { ...meaning };
  switch (format) {
    case 'openai-chat':
      delete m.max_completion_tokens;
      break;
    case 'openai-responses':
      delete m.max_output_tokens;
      break;
    case 'gemini':
      m.generationConfig = without(m.generationConfig, 'maxOutputTokens');
      break;
    case 'bedrock-converse':
      m.inferenceConfig = without(m.inferenceConfig, 'maxTokens');
      break;
    default:
      delete m.max_tokens;
  }
  return m;
}

/**
 * The upstream request by meaning: what the provider does with it. `actualFormat` is the endpoint it went to; for a
 * Bedrock scenario the other Bedrock API is legitimate, and the expected request is first carried into that API
 * (`translateRequest`). When the client set no output limit the gateway picks one: its value is the gateway's
 * choice (the provider's rules still require one, which `upstream-request-valid` checks).
 */
export function compareRequest(s: Scenario, actual: unknown, actualFormat: FormatId | undefined): Compared {
  if (actual === null || actual === undefined)
    return { expected: s.upstreamRequest, actual, problems: ['the upstream received no request'] };
  let format = s.upstream;
  let expectedBody = s.upstreamRequest;
  if (actualFormat !== undefined && actualFormat !== s.upstream) {
    if (!isBedrockAlternate(s.upstream, actualFormat)) {
      return {
        expected: s.upstreamRequest,
        actual,
        problems: [`the request went to a ${actualFormat} endpoint, expected ${s.upstream}`],
      };
    }
    try {
      expectedBody = translateRequest(s.upstream, actualFormat, s.upstreamRequest, { model: scenarioModel(s) }).body;
    } catch (e) {
      return {
        expected: s.upstreamRequest,
        actual,
        problems: [`the expected ${s.upstream} request cannot be carried into ${actualFormat}: ${String(e)}`],
      };
    }
    format = actualFormat;
  }
  const options = { endpoint: s.meta.endpoint };
  // tool names the gateway chose in place of the reference's (matched by declaration) are its own business
  let expected = renameStrings(
    requestMeaning(format, expectedBody, options),
    toolNameMap(format, expectedBody, actual),
  );
  let got = requestMeaning(format, actual, options);
  const limit = LIMIT[s.client];
  if (limit && isRecord(s.clientRequest) && limit(s.clientRequest) === undefined) {
    expected = withoutLimit(format, expected);
    got = withoutLimit(format, got);
  }
  // a field the reference declared lost (it could not carry it) may reach the provider through another gateway
  const lost = new Set((s.meta.expectLosses ?? []).map((l) => lastName(l.path)));
  const problems = jsonDiffEntries(expected, got, ALIGN)
    .filter((d) => !(d.expected === undefined && lost.has(lastName(d.path))))
    .map((d) => `${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`);
  return { expected, actual: got, problems, ...(format === s.upstream ? {} : { comparedAs: format }) };
}

/** The last field name of a JSON path, in one spelling (`generationConfig.seed` and `seed` both give `seed`). */
function lastName(path: string): string {
  const m = /([A-Za-z0-9_$]+)(\[\d+\])*$/.exec(path);
  return (m?.[1] ?? path).replace(/_/g, '').toLowerCase();
}

/**
 * What the client should get when the gateway called the other Bedrock API: the reference's own answer had it called
 * that API (the scenario's upstream answer carried into it, then translated for the client). What that API cannot
 * carry is then not held against the gateway.
 */
export async function expectedViaAlternate(
  s: Scenario,
  mode: 'json' | 'stream',
  via: FormatId,
): Promise<{ body?: unknown; stream?: Uint8Array }> {
  const options = scenarioOptions(s);
  const context = translateRequest(s.client, via, s.clientRequest, options).context;
  const model = { model: scenarioModel(s) };
  if (mode === 'json') {
    const upstream = translateResponse(s.upstream, via, s.upstreamResponse, model).body;
    return { body: translateResponse(via, s.client, upstream, { ...options, context }).body };
  }
  const upstream = await readAll(
    translateStream(s.upstream, via, streamOf([s.upstreamStream ?? new Uint8Array()]), model),
  );
  return { stream: await readAll(translateStream(via, s.client, streamOf([upstream]), { ...options, context })) };
}

function statusProblem(expected: number, actual: number): string[] {
  const e = statusMeaning(expected);
  const a = statusMeaning(actual);
  return e === a ? [] : [`status: expected ${expected} (${e}), got ${actual} (${a})`];
}

/** A JSON answer by meaning: the status's meaning, then the body as the client's SDK reads it. */
export async function compareResponse(s: Scenario, status: number, body: unknown, via?: FormatId): Promise<Compared> {
  const problems = statusProblem(200, status);
  if (problems.length > 0) return { expected: { status: 200 }, actual: { status, body }, problems };
  const expectedBody = isBedrockAlternate(s.upstream, via)
    ? (await expectedViaAlternate(s, 'json', via)).body
    : s.clientResponse;
  const expected = responseMeaning(s.client, expectedBody);
  const actual = alignAnswer(s.client, expected, responseMeaning(s.client, body));
  return { expected, actual, problems: jsonDiff(expected, actual, ALIGN) };
}

/** An error answer by meaning: the status's meaning and the error body as the client's SDK reads it. */
export function compareError(s: Scenario, status: number, body: unknown): Compared {
  const e = s.clientError ?? { status: 500, body: undefined };
  const expected = errorMeaning(s.client, e.status, e.body);
  const actual = errorMeaning(s.client, status, body);
  return { expected, actual, problems: jsonDiff(expected, actual, ALIGN) };
}

/** A stream by meaning: how it ended, and the message the client's SDK rebuilds from it. */
export async function compareStream(s: Scenario, bytes: Uint8Array, via?: FormatId): Promise<Compared> {
  const expectedBytes = isBedrockAlternate(s.upstream, via)
    ? (await expectedViaAlternate(s, 'stream', via)).stream
    : s.clientStream;
  const expectedEvents = (await decodeClientStream(s.client, expectedBytes ?? new Uint8Array())).events;
  const actualEvents = (await decodeClientStream(s.client, bytes)).events;
  const { expected, actual } = alignStream(
    s.client,
    streamMeaning(s.client, expectedEvents),
    streamMeaning(s.client, actualEvents),
  );
  return { expected, actual, problems: jsonDiff(expected, actual, ALIGN) };
}
