import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import type { HttpError } from '../core/http-error.js';
import type { Loss } from '../core/losses.js';
import type { RequestContext, StreamTranslator, TranslateOptions, TranslationResult } from '../core/options.js';
import { getCodec } from '../formats/codecs.js';
import type { ErrorBodyOf, RequestOf, ResponseOf, StreamEventOf } from '../formats/format-types.js';
import { PAIRS } from '../pairs/index.js';
import type { PairTranslator } from '../pairs/pair.js';
import { createSameFormatStream } from './same-format-stream.js';

/** The hub every format can reach: pairs without a direct translator go through it. */
export const HUB: FormatId = 'anthropic-messages';

type Kind = 'request' | 'response' | 'stream' | 'error';

function direct(from: FormatId, to: FormatId, kind: Kind): PairTranslator | undefined {
  return PAIRS.find((p) => p.from === from && p.to === to && p[kind] !== undefined);
}

/** Routes found so far, by kind, then `from`, then `to` (the pairs are fixed, so a route never changes). */
const ROUTES: Record<Kind, Map<FormatId, Map<FormatId, readonly PairTranslator[]>>> = {
  request: new Map(),
  response: new Map(),
  stream: new Map(),
  error: new Map(),
};

const NO_HOPS: readonly PairTranslator[] = Object.freeze([]);

/** The chain of direct translators from `from` to `to`: one hop, or two through the hub. */
export function route(from: FormatId, to: FormatId, kind: Kind): readonly PairTranslator[] {
  if (from === to) return NO_HOPS;
  let byTo = ROUTES[kind].get(from);
  const known = byTo?.get(to);
  if (known !== undefined) return known;
  const found = findRoute(from, to, kind);
  if (byTo === undefined) {
    byTo = new Map();
    ROUTES[kind].set(from, byTo);
  }
  byTo.set(to, found);
  return found;
}

function findRoute(from: FormatId, to: FormatId, kind: Kind): readonly PairTranslator[] {
  const one = direct(from, to, kind);
  if (one) return Object.freeze([one]);
  if (from !== HUB && to !== HUB) {
    const a = direct(from, HUB, kind);
    const b = direct(HUB, to, kind);
    if (a && b) return Object.freeze([a, b]);
  }
  throw new TranslationError('unsupported', `no ${kind} translation from ${from} to ${to}`);
}

export { getCodec };

/** Contexts of a two-hop route are kept per hop so each hop gets its own back. */
interface ViaContext extends RequestContext {
  via?: RequestContext[];
}

/**
 * The options of hop `hop` of a response/stream/error chain. The way back runs the request's hops in reverse
 * order, and `via` already lists the request contexts in that order (`via[0]` = the last request hop's
 * context), so the way-back hop `hop` gets `via[hop]`.
 */
function hopOptions(options: TranslateOptions | undefined, hop: number, hops: number): TranslateOptions | undefined {
  if (hops === 1 || !options) return options;
  const via = (options.context as ViaContext | undefined)?.via;
  return { ...options, context: via?.[hop] ?? options.context };
}

function prefixLosses(losses: readonly Loss[], hop: number, chain: readonly PairTranslator[]): Loss[] {
  if (chain.length === 1 || hop === 0) return losses.slice();
  const p = chain[hop]!;
  return losses.map((l) => ({ path: l.path, reason: `${l.reason} (in ${p.from} -> ${p.to})` }));
}

/**
 * Translate a request body from the client's format to the upstream's. The body and the result are typed by
 * format (`RequestOf<From>` in, `RequestOf<To>` out) when the formats are known at compile time.
 */
export function translateRequest<From extends FormatId, To extends FormatId>(
  from: From,
  to: To,
  body: RequestOf<From>,
  options?: TranslateOptions,
): TranslationResult<RequestOf<To>>;
export function translateRequest(
  from: FormatId,
  to: FormatId,
  body: unknown,
  options?: TranslateOptions,
): TranslationResult<unknown> {
  const chain = route(from, to, 'request');
  if (chain.length === 0) return { body, losses: [], context: {} };
  return finishRequest(runRequestHops({ chain, done: 0, body, losses: [], contexts: [] }, chain.length, options));
}

/**
 * A request translation stopped part-way: `body` is the request after the first `done` hops of `chain`. Opaque to
 * callers: `requestToHub` makes one, `requestFromHub` finishes it.
 */
export interface PartialRequest {
  readonly chain: readonly PairTranslator[];
  readonly done: number;
  readonly body: unknown;
  readonly losses: readonly Loss[];
  readonly contexts: readonly RequestContext[];
}

function runRequestHops(at: PartialRequest, until: number, options: TranslateOptions | undefined): PartialRequest {
  let current = at.body;
  const losses = at.losses.slice();
  const contexts = at.contexts.slice();
  for (let hop = at.done; hop < until; hop++) {
    const r = at.chain[hop]!.request!(current, options);
    current = r.body;
    losses.push(...prefixLosses(r.losses, hop, at.chain));
    contexts.push(r.context);
  }
  return { chain: at.chain, done: until, body: current, losses, contexts };
}

function finishRequest(at: PartialRequest): TranslationResult<unknown> {
  const { chain, contexts } = at;
  const context: ViaContext = chain.length === 1 ? contexts[0]! : { ...contexts[0], via: contexts.slice().reverse() };
  return { body: at.body, losses: at.losses.slice(), context };
}

/**
 * The first half of `translateRequest(from, to, body, options)`: the request translated as far as the hub
 * (`anthropic-messages`), so that a caller can work on the hub body (the gateway inlines URL media there) before
 * `requestFromHub` finishes the same translation. Undefined when the route does not pass through a hub body (from
 * and to the same format, or a direct pair between two other formats). Pure, like `translateRequest`;
 * `requestFromHub(p, p.body)` gives what `translateRequest` gives.
 */
export function requestToHub(
  from: FormatId,
  to: FormatId,
  body: unknown,
  options?: TranslateOptions,
): PartialRequest | undefined {
  const chain = route(from, to, 'request');
  if (chain.length === 0) return undefined;
  const hub = from === HUB ? 0 : chain.findIndex((p) => p.to === HUB) + 1;
  if (hub === 0 && from !== HUB) return undefined;
  return runRequestHops({ chain, done: 0, body, losses: [], contexts: [] }, hub, options);
}

/** The rest of a translation `requestToHub` started, from `hubBody` (the hub body it stopped at, or a new one). */
export function requestFromHub(
  at: PartialRequest,
  hubBody: unknown,
  options?: TranslateOptions,
): TranslationResult<unknown> {
  return finishRequest(runRequestHops({ ...at, body: hubBody }, at.chain.length, options));
}

/** Translate a response body from the upstream's format to the client's (`ResponseOf<From>` in, `ResponseOf<To>` out). */
export function translateResponse<From extends FormatId, To extends FormatId>(
  from: From,
  to: To,
  body: ResponseOf<From>,
  options?: TranslateOptions,
): TranslationResult<ResponseOf<To>>;
export function translateResponse(
  from: FormatId,
  to: FormatId,
  body: unknown,
  options?: TranslateOptions,
): TranslationResult<unknown> {
  const chain = route(from, to, 'response');
  if (chain.length === 0) return { body, losses: [], context: options?.context ?? {} };
  if (chain.length === 1) {
    const r = chain[0]!.response!(body, options);
    return { body: r.body, losses: r.losses.slice(), context: options?.context ?? {} };
  }
  let current = body;
  const losses: Loss[] = [];
  for (let hop = 0; hop < chain.length; hop++) {
    const r = chain[hop]!.response!(current, hopOptions(options, hop, chain.length));
    current = r.body;
    losses.push(...prefixLosses(r.losses, hop, chain));
  }
  return { body: current, losses, context: options?.context ?? {} };
}

/** Anthropic's own "overloaded" status; only formats whose errors are Anthropic's (the model's, on Vertex) use it. */
const HUB_OVERLOADED_STATUS = 529;
const SPEAKS_529: ReadonlySet<FormatId> = new Set<FormatId>([HUB, 'vertex-anthropic']);

/**
 * Translate an HTTP error (status + body) from the upstream's format to the client's.
 *
 * In a composed route, an upstream overload (e.g. Gemini or Bedrock 503) is the hub's 529 in the middle; a
 * client format that keeps statuses and does not speak 529 (OpenAI) would pass that Anthropic-only code on.
 * Such a client gets the upstream's own status instead (503 when it was not a 5xx); the body keeps the
 * mapped error type.
 */
export function translateError<From extends FormatId, To extends FormatId>(
  from: From,
  to: To,
  error: HttpError,
  options?: TranslateOptions,
): HttpError<ErrorBodyOf<To>>;
export function translateError(from: FormatId, to: FormatId, error: HttpError, options?: TranslateOptions): HttpError {
  const chain = route(from, to, 'error');
  const out = chain.reduce((e, pair, hop) => pair.error!(e, hopOptions(options, hop, chain.length)), error);
  if (
    chain.length === 2 &&
    !SPEAKS_529.has(to) &&
    out.status === HUB_OVERLOADED_STATUS &&
    error.status !== HUB_OVERLOADED_STATUS
  ) {
    return { ...out, status: error.status >= 500 && error.status <= 599 ? error.status : 503 };
  }
  return out;
}

/** A stream translator over parsed events: `push` each upstream event, `end` when upstream ends. */
export function createStreamTranslator<From extends FormatId, To extends FormatId>(
  from: From,
  to: To,
  options?: TranslateOptions,
): StreamTranslator<StreamEventOf<From>, StreamEventOf<To>>;
export function createStreamTranslator(
  from: FormatId,
  to: FormatId,
  options?: TranslateOptions,
): StreamTranslator<unknown, unknown> {
  const chain = route(from, to, 'stream');
  const stages = chain.map((pair, hop) => pair.stream!(hopOptions(options, hop, chain.length)));
  if (stages.length === 0)
    return createSameFormatStream(from, getCodec(from), { includeUsage: options?.context?.includeUsage === true });
  const last = stages[stages.length - 1]!;
  const run = (events: unknown[], start: number): unknown[] => {
    let current = events;
    for (let i = start; i < stages.length; i++) {
      const next: unknown[] = [];
      for (const e of current) next.push(...stages[i]!.push(e));
      current = next;
    }
    return current;
  };
  return {
    push: (event) => run([event], 0),
    end: () => {
      // end each stage in order, feeding what it still owes through the stages after it
      const out: unknown[] = [];
      for (let i = 0; i < stages.length; i++) out.push(...run(stages[i]!.end(), i + 1));
      return out;
    },
    fail: last.fail ? (status, message) => last.fail!(status, message) : undefined,
    get losses() {
      return stages.flatMap((s, hop) => prefixLosses(s.losses, hop, chain));
    },
  };
}
