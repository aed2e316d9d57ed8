import type { FormatId } from '../../src/core/formats.js';
import type { Loss } from '../../src/core/losses.js';
import { bytesDiff, jsonDiff } from './diff.js';
import type { Scenario } from './load-scenarios.js';
import { type Compared, compareError, compareRequest, compareResponse, compareStream } from './meaning-checks.js';
import { decodeFrames } from './stream-frames.js';

/** What one exchange is asked to do: send the scenario's client request, with the upstream answering from `mode`'s file. */
export type ExchangeMode =
  /** upstream answers `upstream-response.json` */
  | 'json'
  /** upstream answers `upstream-stream.sse` (or the bytes of `upstream-stream.frames.json`) */
  | 'stream'
  /** upstream answers `upstream-error.json` (status + body) */
  | 'error';

/** What the client saw (and, where observable, what the upstream received). */
export interface ExchangeOutcome {
  /** the request as the upstream received it; `undefined` when the exchange cannot see it */
  upstreamRequest?: unknown;
  /** the format of the upstream endpoint the request went to (a live upstream knows it; default: the scenario's) */
  upstreamFormat?: FormatId;
  /** losses of the request translation; `undefined` when not observable (e.g. a live gateway) */
  losses?: readonly Loss[];
  /** losses of the answer's translation (response, stream, error); `undefined` when not observable */
  answerLosses?: readonly Loss[];
  /** problems the strict upstream mock found in the request (`[]`: accepted); `undefined`: not checked by the exchange */
  upstreamRequestProblems?: readonly string[];
  /** HTTP status the client got */
  status: number;
  /** JSON body the client got (json and error modes) */
  body?: unknown;
  /** stream bytes the client got (stream mode) */
  stream?: Uint8Array;
}

/** Performs one exchange: in-process (the library) or against a live gateway. */
export type Exchange = (scenario: Scenario, mode: ExchangeMode) => Promise<ExchangeOutcome>;

/** Independent checks of the outcome: each returns a list of problems (empty: fine). */
export interface ScenarioChecks {
  /** spec + provider rules for the request the upstream got (`scenario` tells e.g. the Anthropic version) */
  upstreamRequest?(
    format: FormatId,
    body: unknown,
    scenario?: Scenario,
  ): readonly string[] | Promise<readonly string[]>;
  /**
   * spec check of the client's JSON response; `level` `meaning`: a required field that is nullable may be absent
   * (the official SDKs read absent and `null` alike)
   */
  clientResponse?(
    format: FormatId,
    body: unknown,
    scenario?: Scenario,
    level?: CompareLevel,
  ): readonly string[] | Promise<readonly string[]>;
  /**
   * grammar check of the client's stream bytes; `expectError`: the stream must end in the client's error event;
   * `upstream`: the format the stream was translated from, when known; `clientRequest`: what the client asked
   * for (e.g. Gemini streamed function-call arguments)
   */
  clientStream?(
    format: FormatId,
    bytes: Uint8Array,
    expectError: boolean,
    upstream?: FormatId,
    clientRequest?: unknown,
  ): readonly string[] | Promise<readonly string[]>;
}

/**
 * How `request`, `response`, `stream` and `error` compare: `meaning` (what a provider does with the request, what
 * the client's SDK makes of the answer: `conformance/meaning/`) or `exact` (the JSON values, the stream bytes).
 * Validity and stream grammar are strict at both levels.
 */
export type CompareLevel = 'meaning' | 'exact';

export interface ScenarioRunOptions {
  /** default `exact` (the library's own checks); the conformance runner judges by `meaning` */
  compare?: CompareLevel;
}

export type Aspect =
  | 'request'
  | 'losses'
  | 'upstream-request-valid'
  | 'response'
  | 'client-response-valid'
  | 'stream'
  | 'stream-grammar'
  | 'error';

export interface AspectResult {
  /** scenario id `<pair>/<name>` */
  scenario: string;
  aspect: Aspect;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
  /** human-readable difference; `''` when ok */
  diff: string;
  /** set when the aspect could not be checked by this exchange (counts as ok) */
  skipped?: string;
  /** comparison aspects judged by meaning: whether the output was also byte-identical to the reference (exact level) */
  identical?: boolean;
  /** the request was compared in this format: the gateway called the other Bedrock API */
  comparedAs?: FormatId;
}

/** The aspects a scenario's files allow checking, in order. */
export function plannedAspects(s: Scenario): Aspect[] {
  const out: Aspect[] = [];
  if (s.clientRequest !== undefined && s.upstreamRequest !== undefined)
    out.push('request', 'losses', 'upstream-request-valid');
  if (s.upstreamResponse !== undefined && s.clientResponse !== undefined) out.push('response', 'client-response-valid');
  if (s.upstreamStream !== undefined && s.clientStream !== undefined) out.push('stream', 'stream-grammar');
  if (s.upstreamError !== undefined && s.clientError !== undefined) out.push('error');
  return out;
}

/** The exchange mode that an aspect's check needs. Request aspects use the first mode the scenario has. */
export function modeFor(s: Scenario, aspect: Aspect): ExchangeMode {
  switch (aspect) {
    case 'response':
    case 'client-response-valid':
      return 'json';
    case 'stream':
    case 'stream-grammar':
      return 'stream';
    case 'error':
      return 'error';
    default:
      if (s.upstreamResponse !== undefined) return 'json';
      if (s.upstreamStream !== undefined) return 'stream';
      if (s.upstreamError !== undefined) return 'error';
      return s.meta.stream ? 'stream' : 'json';
  }
}

/** The exchange modes a scenario's files provide. */
export function modesOf(s: Scenario): ExchangeMode[] {
  const out: ExchangeMode[] = [];
  if (s.upstreamResponse !== undefined) out.push('json');
  if (s.upstreamStream !== undefined) out.push('stream');
  if (s.upstreamError !== undefined) out.push('error');
  if (out.length === 0) out.push(s.meta.stream ? 'stream' : 'json');
  return out;
}

/** Do the reported losses match `expectLosses`? Same path, reason containing the expected reason; none extra. */
export function lossMismatches(expected: readonly Loss[], actual: readonly Loss[]): string[] {
  const left = actual.slice();
  const out: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((a) => a.path === e.path && a.reason.includes(e.reason));
    if (i === -1) out.push(`missing loss ${e.path}: ${e.reason}`);
    else left.splice(i, 1);
  }
  for (const a of left) out.push(`unexpected loss ${a.path}: ${a.reason}`);
  return out;
}

/**
 * A run over one scenario: `check(aspect)` performs the exchanges it needs (each mode at most once) and
 * compares. An exchange that throws makes the aspects that need it fail with the error as the diff.
 */
export function createScenarioRun(
  scenario: Scenario,
  exchange: Exchange,
  checks: ScenarioChecks = {},
  options: ScenarioRunOptions = {},
) {
  const level = options.compare ?? 'exact';
  const outcomes = new Map<ExchangeMode, Promise<ExchangeOutcome>>();
  const outcome = (mode: ExchangeMode) => {
    let p = outcomes.get(mode);
    if (!p) {
      p = exchange(scenario, mode);
      outcomes.set(mode, p);
    }
    return p;
  };
  const result = (aspect: Aspect, expected: unknown, actual: unknown, problems: readonly string[]): AspectResult => ({
    scenario: scenario.id,
    aspect,
    ok: problems.length === 0,
    expected,
    actual,
    diff: problems.join('\n'),
  });
  const skipped = (aspect: Aspect, why: string): AspectResult => ({
    scenario: scenario.id,
    aspect,
    ok: true,
    diff: '',
    skipped: why,
  });
  /** a comparison at the run's level; at the meaning level the exact verdict is kept as `identical` */
  const judged = async (
    aspect: Aspect,
    exact: Compared,
    meaning: () => Compared | Promise<Compared>,
  ): Promise<AspectResult> => {
    if (level === 'exact') return result(aspect, exact.expected, exact.actual, exact.problems);
    let m: Compared;
    try {
      m = await meaning();
    } catch (e) {
      // what the gateway sent cannot even be read the way the client would read it
      m = {
        expected: exact.expected,
        actual: exact.actual,
        problems: [
          `the answer cannot be read by meaning: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
        ],
      };
    }
    return {
      ...result(aspect, m.expected, m.actual, m.problems),
      identical: exact.problems.length === 0,
      ...(m.comparedAs ? { comparedAs: m.comparedAs } : {}),
    };
  };

  async function check(aspect: Aspect): Promise<AspectResult> {
    let o: ExchangeOutcome;
    try {
      o = await outcome(modeFor(scenario, aspect));
    } catch (e) {
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return result(aspect, undefined, undefined, [`exchange failed: ${msg}`]);
    }
    switch (aspect) {
      case 'request': {
        if (o.upstreamRequest === undefined) return skipped(aspect, 'the exchange cannot see the upstream request');
        const wrongEndpoint =
          o.upstreamFormat !== undefined && o.upstreamFormat !== scenario.upstream
            ? [`the request went to a ${o.upstreamFormat} endpoint, expected ${scenario.upstream}`]
            : [];
        const exact = [...wrongEndpoint, ...jsonDiff(scenario.upstreamRequest, o.upstreamRequest)];
        return judged(aspect, { expected: scenario.upstreamRequest, actual: o.upstreamRequest, problems: exact }, () =>
          compareRequest(scenario, o.upstreamRequest, o.upstreamFormat),
        );
      }
      case 'losses': {
        // checked on every mode the scenario has (a live exchange may only see some)
        const expected = scenario.meta.expectLosses ?? [];
        const modes = modesOf(scenario);
        const problems: string[] = [];
        const actual: Record<string, readonly Loss[]> = {};
        for (const mode of modes) {
          let m: ExchangeOutcome;
          try {
            m = await outcome(mode);
          } catch (e) {
            problems.push(`${mode}: exchange failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
            continue;
          }
          const prefix = modes.length > 1 ? `${mode}: ` : '';
          const answer = scenario.meta.expectAnswerLosses;
          if (answer !== undefined && m.answerLosses !== undefined) {
            actual[`${mode} answer`] = m.answerLosses;
            problems.push(...lossMismatches(answer, m.answerLosses).map((p) => `${prefix}answer: ${p}`));
          }
          if (m.losses === undefined) continue;
          actual[mode] = m.losses;
          problems.push(...lossMismatches(expected, m.losses).map((p) => prefix + p));
        }
        if (Object.keys(actual).length === 0 && problems.length === 0)
          return skipped(aspect, 'the exchange does not report losses');
        return result(aspect, expected, actual, problems);
      }
      case 'upstream-request-valid': {
        let problems = o.upstreamRequestProblems;
        if (problems === undefined && checks.upstreamRequest && o.upstreamRequest !== undefined) {
          problems = await checks.upstreamRequest(scenario.upstream, o.upstreamRequest, scenario);
        }
        if (problems === undefined) return skipped(aspect, 'no upstream request check available');
        return result(aspect, [], problems, problems);
      }
      case 'response':
      case 'error': {
        const expected = aspect === 'response' ? { status: 200, body: scenario.clientResponse } : scenario.clientError;
        const actual = { status: o.status, body: o.body };
        return judged(aspect, { expected, actual, problems: jsonDiff(expected, actual) }, () =>
          aspect === 'response'
            ? compareResponse(scenario, o.status, o.body, o.upstreamFormat)
            : compareError(scenario, o.status, o.body),
        );
      }
      case 'client-response-valid': {
        if (!checks.clientResponse) return skipped(aspect, 'no client response check available');
        // an error page may happen to fit the schema: a success is expected here
        if (o.status < 200 || o.status > 299)
          return result(aspect, [], { status: o.status, body: o.body }, [
            `HTTP ${o.status}: a success (2xx) is expected`,
          ]);
        const problems = await checks.clientResponse(scenario.client, o.body, scenario, level);
        return result(aspect, [], problems, problems);
      }
      case 'stream': {
        if (scenario.clientFrames !== undefined) {
          // binary frames: compared as the events they decode to (a framing error shows as a `$error` event)
          if (o.stream === undefined)
            return result(aspect, scenario.clientFrames, undefined, [`no stream (status ${o.status})`]);
          const bytes = o.stream;
          const events = await decodeFrames(scenario.client, bytes);
          return judged(
            aspect,
            { expected: scenario.clientFrames, actual: events, problems: jsonDiff(scenario.clientFrames, events) },
            () => compareStream(scenario, bytes, o.upstreamFormat),
          );
        }
        const expected = scenario.clientStream ?? new Uint8Array();
        if (o.stream === undefined)
          return result(aspect, text(expected), undefined, [`no stream (status ${o.status})`]);
        const bytes = o.stream;
        return judged(
          aspect,
          { expected: text(expected), actual: text(bytes), problems: nonEmpty(bytesDiff(expected, bytes)) },
          () => compareStream(scenario, bytes, o.upstreamFormat),
        );
      }
      case 'stream-grammar': {
        if (!checks.clientStream) return skipped(aspect, 'no stream checker available');
        if (o.stream === undefined) return result(aspect, [], undefined, [`no stream (status ${o.status})`]);
        const problems = await checks.clientStream(
          scenario.client,
          o.stream,
          scenario.meta.expectStreamError === true,
          scenario.upstream,
          scenario.clientRequest,
        );
        return result(aspect, [], problems, problems);
      }
    }
  }

  return { scenario, aspects: plannedAspects(scenario), check };
}

/** Run every planned aspect of a scenario. */
export async function runScenario(
  scenario: Scenario,
  exchange: Exchange,
  checks?: ScenarioChecks,
  options?: ScenarioRunOptions,
): Promise<AspectResult[]> {
  const run = createScenarioRun(scenario, exchange, checks, options);
  const out: AspectResult[] = [];
  for (const a of run.aspects) out.push(await run.check(a));
  return out;
}

function text(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

function nonEmpty(s: string): string[] {
  return s === '' ? [] : [s];
}
