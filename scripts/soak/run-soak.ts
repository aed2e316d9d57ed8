/**
 * The soak: N concurrent streaming clients (Anthropic and OpenAI formats) through the reference gateway to the
 * strict mocks on loopback, a share of them with an injected fault (picked by model name), for a bounded time.
 * Every faulted request must surface as an error in the client's shape; every other stream must deliver exactly
 * the text the scripted model sent (bytes lost = 0).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { serveOnLoopback } from '../../conformance/mocks/adapters/serve-on-loopback.js';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import { runScriptedModel } from '../../conformance/scripted-model/run-scripted-model.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { serveGateway } from '../../src/gateway/node/serve.js';
import { endlessUpstream, HOSTILE_CASES, type HostileCase, sendHostile } from './hostile.js';
import { readClientStream, type SoakClient } from './read-client-stream.js';

export interface SoakOptions {
  concurrency: number;
  seconds: number;
  /** share of requests with an injected fault (default 0.3) */
  faultRate?: number;
  /** gateway idle timeout for stalled streams (default 1500 ms; it bounds the wait for response headers too) */
  idleTimeoutMs?: number;
  /** share of requests that are hostile (docs/security.md; scripts/soak/hostile.ts), default 0.1 */
  hostileRate?: number;
  seed?: number;
  /** a line of progress */
  progress?: (line: string) => void;
}

export interface SoakResult {
  requests: number;
  faultsInjected: number;
  faultsSurfaced: number;
  /** faulted requests the client did not see as an error (must be 0) */
  faultsUnsurfaced: number;
  /** clean requests that failed (must be 0) */
  cleanFailures: number;
  /** hostile requests sent, by case, and how many got another answer than the defences promise (must be 0) */
  hostile: Record<string, { sent: number; mishandled: number }>;
  hostileMishandled: number;
  /** internal errors the gateway logged (must be 0) */
  internalErrors: number;
  /** characters of model text missing or different in clean streams (must be 0) */
  bytesLost: number;
  bytesReceived: number;
  rssStartMb: number;
  rssEndMb: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  /** heap growth from a quarter of the run (warmed up) to the end, after GC: a leak shows here */
  heapGrowthAfterWarmupMb: number;
  /** growth of memory held by ArrayBuffers (Buffers, stream chunks) after GC */
  arrayBuffersGrowthMb: number;
  seconds: number;
  /** the first few problems, for the report */
  problems: string[];
  byFault: Record<string, { injected: number; surfaced: number }>;
}

/** Faults by model name (conformance/mocks/fault-from-model.ts); `sameFormat` says whether a pass-through surfaces it. */
const FAULTS: { model: string; sameFormat: boolean; weight: number }[] = [
  { model: 'mock-error-429', sameFormat: true, weight: 2 },
  { model: 'mock-error-500', sameFormat: true, weight: 2 },
  { model: 'mock-error-529', sameFormat: true, weight: 1 },
  { model: 'mock-stream-error-3', sameFormat: true, weight: 3 },
  { model: 'mock-reset-0', sameFormat: true, weight: 2 },
  { model: 'mock-reset-4', sameFormat: true, weight: 3 },
  // the same-format pass-through checks the relayed bytes too (src/gateway/pass-through-watcher.ts)
  { model: 'mock-malformed-3', sameFormat: true, weight: 2 },
  { model: 'mock-truncate-4', sameFormat: true, weight: 3 },
  { model: 'mock-stall-3', sameFormat: true, weight: 1 },
];

/** mulberry32: a small seeded PRNG, so a soak run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['lighthouse', 'keeper', 'Möwe', '灯台', 'wave', '🌊', 'storm', 'naïve', 'фонарь', 'rope', '✨', 'night'];

const MAX_TOKENS = 4096;

function promptFor(n: number, random: () => number): string {
  const words: string[] = [`request ${n}:`];
  const len = 20 + Math.floor(random() * 60);
  for (let i = 0; i < len; i++) words.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'x');
  return words.join(' ');
}

/** The text the scripted model answers to a one-turn prompt. */
function expectedText(prompt: string): string {
  return runScriptedModel({
    lastUserText: prompt,
    inputTexts: [prompt],
    maxTokens: MAX_TOKENS,
    stopSequences: [],
    thinking: false,
    forcedTool: undefined,
  }).text;
}

function pickFault(random: () => number, sameFormat: boolean): string {
  const usable = FAULTS.filter((f) => !sameFormat || f.sameFormat);
  const total = usable.reduce((s, f) => s + f.weight, 0);
  let r = random() * total;
  for (const f of usable) {
    r -= f.weight;
    if (r <= 0) return f.model;
  }
  return usable[0]?.model ?? 'mock-error-500';
}

/** `global.gc`, exposed at run time when node was not started with --expose-gc. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => {};
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const random = prng(o.seed ?? 20261122);
  const upstreamKeys = { anthropic: 'soak-anthropic-key', openai: 'soak-openai-key' };
  const anthropic = createAnthropicMock({ apiKey: upstreamKeys.anthropic, chunkSize: 7 });
  const openai = createOpenAIMock({ apiKey: upstreamKeys.openai, chunkSize: 7 });
  const mocks = await serveOnLoopback({ anthropic, openai, endless: endlessUpstream });
  let internalErrors = 0;
  const writeTimeoutMs = 1_000;
  const gateway = await serveGateway(
    createGateway({
      providers: {
        anthropic: {
          format: 'anthropic-messages',
          baseUrl: mocks.urls.anthropic ?? '',
          apiKey: upstreamKeys.anthropic,
        },
        openai: { format: 'openai-chat', baseUrl: `${mocks.urls.openai}/v1`, apiKey: upstreamKeys.openai },
        endless: { format: 'anthropic-messages', baseUrl: mocks.urls.endless ?? '', apiKey: 'soak-endless-key' },
        // a path-model provider for the dot-segment case (never reached)
        bedrock: { format: 'bedrock-converse', baseUrl: mocks.urls.anthropic ?? '', apiKey: 'soak-bedrock-key' },
      },
      idleTimeoutMs: o.idleTimeoutMs ?? 1_500,
      writeTimeoutMs,
      log: (e) => {
        if ('event' in e && e.event === 'internal_error') internalErrors++;
      },
    }),
  );
  const gc = exposeGc();
  gc();
  const rssStart = process.memoryUsage().rss;
  const heapStart = process.memoryUsage().heapUsed;
  const buffersStart = process.memoryUsage().arrayBuffers;
  const result: SoakResult = {
    requests: 0,
    faultsInjected: 0,
    faultsSurfaced: 0,
    faultsUnsurfaced: 0,
    cleanFailures: 0,
    hostile: {},
    hostileMishandled: 0,
    internalErrors: 0,
    bytesLost: 0,
    bytesReceived: 0,
    rssStartMb: mb(rssStart),
    rssEndMb: 0,
    rssGrowthMb: 0,
    heapGrowthMb: 0,
    heapGrowthAfterWarmupMb: 0,
    arrayBuffersGrowthMb: 0,
    seconds: 0,
    problems: [],
    byFault: {},
  };
  const problem = (p: string) => {
    if (result.problems.length < 20) result.problems.push(p);
  };
  const started = Date.now();
  const deadline = started + o.seconds * 1000;
  const faultRate = o.faultRate ?? 0.3;
  const hostileRate = o.hostileRate ?? 0.1;
  let next = 0;

  const hostile = async (n: number, client: SoakClient, kind: HostileCase): Promise<void> => {
    result.hostile[kind] ??= { sent: 0, mishandled: 0 };
    const h = result.hostile[kind];
    if (h) h.sent++;
    let outcome: string | undefined;
    try {
      outcome = await sendHostile(kind, { url: gateway.url, writeTimeoutMs }, client);
    } catch (e) {
      outcome = `request failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (outcome !== undefined) {
      result.hostileMishandled++;
      if (h) h.mishandled++;
      problem(`#${n} ${client} hostile ${kind}: ${outcome}`);
    }
  };

  const one = async (): Promise<void> => {
    const n = next++;
    const client: SoakClient = random() < 0.5 ? 'anthropic-messages' : 'openai-chat';
    if (random() < hostileRate) {
      result.requests++;
      return hostile(n, client, HOSTILE_CASES[Math.floor(random() * HOSTILE_CASES.length)] ?? 'deep-nesting');
    }
    const sameFormat = random() < 0.25;
    const provider = (client === 'anthropic-messages') === sameFormat ? 'anthropic' : 'openai';
    const fault = random() < faultRate ? pickFault(random, sameFormat) : undefined;
    const prompt = promptFor(n, random);
    const model = `@${provider}/${fault ?? (provider === 'anthropic' ? 'claude-soak' : 'gpt-soak')}`;
    const messages = [{ role: 'user', content: prompt }];
    const body =
      client === 'anthropic-messages'
        ? { model, max_tokens: MAX_TOKENS, stream: true, messages }
        : { model, max_tokens: MAX_TOKENS, stream: true, messages };
    const path = client === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions';
    result.requests++;
    if (result.requests % 256 === 0) {
      anthropic.reset();
      openai.reset();
    }
    if (fault) {
      result.faultsInjected++;
      result.byFault[fault] ??= { injected: 0, surfaced: 0 };
      const f = result.byFault[fault];
      if (f) f.injected++;
    }
    let outcome: Awaited<ReturnType<typeof readClientStream>>;
    try {
      const res = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'soak-client',
          authorization: 'Bearer soak-client',
        },
        body: JSON.stringify(body),
      });
      outcome = await readClientStream(client, res);
    } catch (e) {
      outcome = {
        status: 0,
        text: '',
        terminal: false,
        error: undefined,
        broken: `fetch failed: ${e instanceof Error ? e.message : String(e)}`,
        bytes: 0,
      };
    }
    result.bytesReceived += outcome.bytes;
    const label = `#${n} ${client} -> ${provider} ${fault ?? 'clean'}`;
    if (fault) {
      if (outcome.error && !outcome.terminal && !outcome.broken) {
        result.faultsSurfaced++;
        const f = result.byFault[fault];
        if (f) f.surfaced++;
      } else {
        result.faultsUnsurfaced++;
        problem(
          `${label}: fault not surfaced (status ${outcome.status}, terminal ${outcome.terminal}, ${outcome.broken ?? 'no error seen'})`,
        );
      }
      return;
    }
    const expected = expectedText(prompt);
    if (outcome.status !== 200 || !outcome.terminal || outcome.error || outcome.broken) {
      result.cleanFailures++;
      result.bytesLost += Math.max(0, expected.length - outcome.text.length);
      problem(
        `${label}: clean request failed (status ${outcome.status}, ${outcome.error?.message ?? outcome.broken ?? 'no terminal event'})`,
      );
      return;
    }
    if (outcome.text !== expected) {
      let i = 0;
      while (i < expected.length && expected[i] === outcome.text[i]) i++;
      result.bytesLost += Math.max(expected.length, outcome.text.length) - i;
      problem(
        `${label}: text differs at ${i}: expected ${JSON.stringify(expected.slice(i, i + 20))}, got ${JSON.stringify(outcome.text.slice(i, i + 20))}`,
      );
    }
  };

  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) await one();
  };
  let heapWarm = heapStart;
  const warm = setTimeout(
    () => {
      gc();
      heapWarm = process.memoryUsage().heapUsed;
    },
    (o.seconds * 1000) / 4,
  );
  const ticker = o.progress
    ? setInterval(
        () =>
          o.progress?.(
            `  ${Math.round((Date.now() - started) / 1000)} s: ${result.requests} requests, ${result.faultsInjected} faults`,
          ),
        5_000,
      )
    : undefined;
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    if (ticker) clearInterval(ticker);
    clearTimeout(warm);
    await gateway.close();
    await mocks.close();
  }
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  result.internalErrors = internalErrors;
  // the mocks keep a record of every request: not the gateway's memory
  anthropic.reset();
  openai.reset();
  gc();
  const end = process.memoryUsage();
  result.rssEndMb = mb(end.rss);
  result.rssGrowthMb = mb(end.rss - rssStart);
  result.heapGrowthMb = mb(end.heapUsed - heapStart);
  result.heapGrowthAfterWarmupMb = mb(end.heapUsed - heapWarm);
  result.arrayBuffersGrowthMb = mb(end.arrayBuffers - buffersStart);
  return result;
}

/** The soak passed: every fault surfaced, no clean request failed, nothing lost, every hostile request refused as promised, no internal error. */
export function soakPassed(r: SoakResult): boolean {
  return (
    r.requests > 0 &&
    r.faultsUnsurfaced === 0 &&
    r.cleanFailures === 0 &&
    r.bytesLost === 0 &&
    r.hostileMishandled === 0 &&
    r.internalErrors === 0
  );
}

export function formatSoak(r: SoakResult, o: SoakOptions): string {
  const lines = [
    `# crosswire soak: ${o.concurrency} concurrent streams for ${o.seconds} s (loopback, reference gateway -> strict mocks)`,
    '',
    '| measure | value |',
    '|---|---|',
    `| requests | ${r.requests} (${Math.round(r.requests / Math.max(r.seconds, 0.1))}/s over ${r.seconds} s) |`,
    `| faults injected | ${r.faultsInjected} |`,
    `| faults surfaced correctly | ${r.faultsSurfaced} |`,
    `| faults not surfaced | ${r.faultsUnsurfaced} |`,
    `| clean requests failed | ${r.cleanFailures} |`,
    `| hostile requests / answered otherwise than promised | ${Object.values(r.hostile).reduce((a, h) => a + h.sent, 0)} / ${r.hostileMishandled} |`,
    `| internal errors logged | ${r.internalErrors} |`,
    `| bytes lost | ${r.bytesLost} |`,
    `| bytes received | ${r.bytesReceived} |`,
    `| RSS | ${r.rssStartMb} MB -> ${r.rssEndMb} MB (growth ${r.rssGrowthMb} MB) |`,
    `| heap after GC | growth ${r.heapGrowthMb} MB; after warm-up (first quarter) ${r.heapGrowthAfterWarmupMb} MB; ArrayBuffers ${r.arrayBuffersGrowthMb} MB |`,
    '',
    '| fault (model) | injected | surfaced |',
    '|---|---|---|',
    ...Object.entries(r.byFault)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `| ${k} | ${v.injected} | ${v.surfaced} |`),
    '',
    '| hostile request | sent | mishandled |',
    '|---|---|---|',
    ...Object.entries(r.hostile)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `| ${k} | ${v.sent} | ${v.mishandled} |`),
  ];
  if (r.problems.length > 0) lines.push('', 'problems:', ...r.problems.map((p) => `- ${p}`));
  lines.push('', soakPassed(r) ? 'PASS' : 'FAIL');
  return lines.join('\n');
}
