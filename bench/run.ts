/**
 * `npm run bench`: crosswire measured the way a user runs it, bytes in → bytes out, against the floor and the
 * peers, every contender of a case in the same run (docs/translation-performance.md describes the method).
 *
 *   CROSSWIRE_BENCH_SMOKE=1     every case briefly, with the correctness checks (CI runs it so the bench cannot rot)
 *   CROSSWIRE_BENCH_TARGET=package (or --target package)
 *                               bench `import 'crosswire'` as the package's exports resolve it (the build), not src/
 *   CROSSWIRE_BENCH_PORTKEY_SRC=<checkout>   add Portkey's transforms from a source checkout (bench/peers.ts)
 *   CROSSWIRE_BENCH_CLOCK=cpu   time with this process's CPU time instead of elapsed time (steadier on a shared machine)
 *   --only <text>               only the cases whose title contains <text> (`memory`, `gateway` for those parts)
 *   CROSSWIRE_BENCH_NO_CASE_PROFILE=1   skip the profiles printed under the summary for the cases that miss a target
 *   --profile <seconds>         run only crosswire's contender of each case, in a loop, for that long (no comparison):
 *                               `node --cpu-prof --import tsx bench/run.ts --only '<case>' --profile 5`
 */
import os from 'node:os';
import { formatCaseProfile, type ProfileSpec, profileCase } from './case-profile.js';
import { digestDifference, requestDigest, responseDigest, streamDigest } from './digest.js';
import { floorEventStreamToSse, floorSseToEventStream } from './event-stream-floor.js';
import { drain, floorJson, floorStream, readableFrom } from './floor.js';
import { measureGatewayOverhead } from './gateway-load.js';
import { type Clock, type Contender, compare, formatNs, type Measurement, pairedRatio } from './harness.js';
import {
  type Format,
  kb,
  networkChunks,
  oneChunk,
  type RequestSize,
  type ResponseSize,
  requestBody,
  responseBody,
  streamBytes,
  URL_MODEL,
} from './inputs.js';
import { measureStreamMemory } from './memory.js';
import { coverage, type Direction, loadPeers, type Peer, type StreamFn, type TextFn } from './peers.js';
import { type Library, loadLibrary } from './target.js';
import { concatBytes } from './wire.js';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
if (flag('--target')) process.env.CROSSWIRE_BENCH_TARGET = flag('--target');
const only = flag('--only');
const profileSeconds = flag('--profile') ? Number(flag('--profile')) : undefined;
const SMOKE = process.env.CROSSWIRE_BENCH_SMOKE === '1';
const clock: Clock = process.env.CROSSWIRE_BENCH_CLOCK === 'cpu' ? 'cpu' : 'wall';
const opts = SMOKE ? { rounds: 2, batchMs: 2, clock } : { rounds: 15, batchMs: 30, clock };

const A: Format = 'anthropic-messages';
const O: Format = 'openai-chat';
const G: Format = 'gemini';
const C: Format = 'bedrock-converse';
const SHORT: Record<Format, string> = { [A]: 'Messages', [O]: 'Chat', [G]: 'Gemini', [C]: 'Converse' };
/** Formats that name the model in the URL: reading them back to Messages needs it as an option. */
const urlModel = (from: Format) => (from === G || from === C ? { model: URL_MODEL } : undefined);
/** Stream options: the model from the URL, and a Chat client that asked for usage (`stream_options.include_usage`), as the gateway's clients do. */
const streamOptions = (from: Format, to: Format) => ({
  ...urlModel(from),
  ...(to === O ? { context: { includeUsage: true } } : {}),
});

interface Row {
  title: string;
  load: number;
  floor: Measurement;
  crosswire: Measurement;
  validation?: Measurement;
  outputFloor?: Measurement;
  peers: { name: string; m?: Measurement; skipped?: string }[];
  /** the steps of crosswire's contender, to profile the case when it misses a target */
  steps?: Omit<ProfileSpec, 'title' | 'misses'>;
}
const rows: Row[] = [];
let failures = 0;

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return concatBytes(parts);
    parts.push(r.value);
  }
}

/** A timed contender and, for the check before timing, the output it produces (text for bodies, bytes for streams). */
interface Checked extends Contender {
  output: () => unknown;
}

interface CaseSpec {
  title: string;
  floor: Contender;
  crosswire: Checked;
  /** crosswire with validateRequest first (same output as crosswire) */
  validation?: Contender;
  /**
   * a reference, not a target: `JSON.parse` of the input + `JSON.stringify` of the translated output (prebuilt),
   * the floor for a translator whose output is larger than its input
   */
  outputFloor?: (crosswireOutput: unknown) => Contender;
  peers: (Checked & { peer: Peer })[];
  /** crosswire's contender cut into its steps (default: one step, the whole contender) */
  steps?: () => Promise<Omit<ProfileSpec, 'title' | 'misses'>> | Omit<ProfileSpec, 'title' | 'misses'>;
  /** the digest of an output; compared with `expected` */
  digest: (out: unknown) => string[];
  expected: string[];
}

/** Why a contender's output is not a correct translation, or undefined when it is. */
async function check(spec: CaseSpec, c: Checked): Promise<string | undefined> {
  try {
    return digestDifference(spec.expected, spec.digest(await c.output()));
  } catch (e) {
    return `throws: ${(e as Error).message.split('\n')[0]?.slice(0, 160)}`;
  }
}

async function runCase(spec: CaseSpec): Promise<void> {
  if (only && !spec.title.includes(only)) return;
  const load = os.loadavg()[0]!;
  const own = await check(spec, spec.crosswire);
  if (own) {
    failures++;
    console.log(`### ${spec.title}\n\n**crosswire's output is not a correct translation** (${own}): case not timed.\n`);
    return;
  }
  if (profileSeconds !== undefined) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < profileSeconds * 1000) {
      await spec.crosswire.run();
      n++;
    }
    console.log(
      `${spec.title}: crosswire ran ${n} times, ${formatNs(((performance.now() - t0) * 1e6) / n)} each (profile mode)`,
    );
    return;
  }
  const outputFloor = spec.outputFloor?.(await spec.crosswire.output());
  const fixed = [spec.floor, spec.crosswire, spec.validation, outputFloor];
  const timed: Contender[] = fixed.filter((c): c is Contender => c !== undefined);
  const skipped: Row['peers'] = [];
  for (const p of spec.peers) {
    const why = await check(spec, p);
    if (why) skipped.push({ name: p.peer.name, skipped: why });
    else timed.push({ name: p.peer.name, run: p.run });
  }
  const ms = await compare(timed, opts);
  const of = (c: Contender | undefined) => (c ? ms[timed.indexOf(c)] : undefined);
  const floor = of(spec.floor)!;
  const crosswire = of(spec.crosswire)!;
  const peerRows: Row['peers'] = [
    ...ms.slice(fixed.filter(Boolean).length).map((m) => ({ name: m.name, m })),
    ...skipped,
  ];
  rows.push({
    title: spec.title,
    load,
    floor,
    crosswire,
    validation: of(spec.validation),
    outputFloor: of(outputFloor),
    peers: peerRows,
    steps: spec.steps ? await spec.steps() : { parts: [spec.crosswire], hot: 0 },
  });

  const lines = [
    `### ${spec.title} · load ${load.toFixed(2)}`,
    '',
    '| contender | median | × floor | crosswire / this |',
    '|---|---:|---:|---:|',
  ];
  for (const m of ms)
    lines.push(
      `| ${m.name} | ${formatNs(m.medianNs)} | ${pairedRatio(m, floor).toFixed(2)}× | ${m === crosswire ? '' : `${pairedRatio(crosswire, m).toFixed(2)}×`} |`,
    );
  for (const p of skipped) lines.push('', `Not timed: ${p.name}: ${p.skipped}.`);
  console.log(`${lines.join('\n')}\n`);
}

function textPeers(
  peers: Peer[],
  kind: 'request' | 'response',
  from: Format,
  to: Format,
): { peer: Peer; fn: TextFn }[] {
  const d: Direction = `${from}>${to}`;
  return peers.flatMap((peer) => {
    const fn = peer[kind][d];
    return fn ? [{ peer, fn }] : [];
  });
}

function streamPeers(peers: Peer[], from: Format, to: Format): { peer: Peer; fn: StreamFn }[] {
  const d: Direction = `${from}>${to}`;
  return peers.flatMap((peer) => {
    const fn = peer.stream[d];
    return fn ? [{ peer, fn }] : [];
  });
}

/** The reference "output floor" of a body case: parse the input, stringify a prebuilt copy of the translated output. */
const outputFloorOf =
  (text: string) =>
  (out: unknown): Contender => {
    const translated = JSON.parse(String(out)) as unknown;
    return {
      name: 'reference: JSON.parse(input) + JSON.stringify(translated output)',
      run: () => {
        JSON.parse(text);
        return JSON.stringify(translated);
      },
    };
  };

/** A body case's steps: parse the input, translate the parsed body (the step profiled), stringify the translation. */
function bodySteps(text: string, translate: (body: unknown) => unknown): Omit<ProfileSpec, 'title' | 'misses'> {
  const body = JSON.parse(text) as unknown;
  const out = translate(body);
  return {
    parts: [
      { name: 'JSON.parse', run: () => JSON.parse(text) },
      { name: 'translate', run: () => translate(body) },
      { name: 'JSON.stringify', run: () => JSON.stringify(out) },
    ],
    hot: 1,
  };
}

/** A contender that maps text to text: the timed run is the output. */
const textContender = (name: string, run: () => unknown): Checked => ({ name, run, output: run });

async function requestCase(lib: Library, peers: Peer[], from: Format, to: Format, size: RequestSize): Promise<void> {
  const text = JSON.stringify(requestBody(from, size));
  const v = lib.validateRequest(from, JSON.parse(text));
  if (!v.ok) throw new Error(`bench input is not a valid ${from} request: ${JSON.stringify(v.errors).slice(0, 400)}`);
  const options = urlModel(from);
  await runCase({
    title: `request ${SHORT[from]} → ${SHORT[to]}, ${size} (${kb(Buffer.byteLength(text))})`,
    floor: { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(text) },
    crosswire: textContender('crosswire', () =>
      JSON.stringify(lib.translateRequest(from, to, JSON.parse(text), options).body),
    ),
    validation: {
      name: 'crosswire + validateRequest',
      run: () => {
        const body = JSON.parse(text);
        lib.validateRequest(from, body);
        return JSON.stringify(lib.translateRequest(from, to, body, options).body);
      },
    },
    outputFloor: outputFloorOf(text),
    peers: textPeers(peers, 'request', from, to).map(({ peer, fn }) => ({
      peer,
      ...textContender(peer.name, () => fn(text)),
    })),
    steps: () => {
      const steps = bodySteps(text, (body) => lib.translateRequest(from, to, body, options).body);
      const body = JSON.parse(text) as unknown;
      return { ...steps, extras: [{ name: 'validateRequest', run: () => lib.validateRequest(from, body) }] };
    },
    digest: (out) => requestDigest(to, JSON.parse(String(out))),
    expected: requestDigest(from, JSON.parse(text)),
  });
}

async function responseCase(lib: Library, peers: Peer[], from: Format, to: Format, size: ResponseSize): Promise<void> {
  const text = JSON.stringify(responseBody(from, size));
  const options = urlModel(from);
  await runCase({
    title: `response ${SHORT[from]} → ${SHORT[to]}, ${size} (${kb(Buffer.byteLength(text))})`,
    floor: { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(text) },
    crosswire: textContender('crosswire', () =>
      JSON.stringify(lib.translateResponse(from, to, JSON.parse(text), options).body),
    ),
    outputFloor: outputFloorOf(text),
    peers: textPeers(peers, 'response', from, to).map(({ peer, fn }) => ({
      peer,
      ...textContender(peer.name, () => fn(text)),
    })),
    steps: () => bodySteps(text, (body) => lib.translateResponse(from, to, body, options).body),
    digest: (out) => responseDigest(to, JSON.parse(String(out))),
    expected: responseDigest(from, JSON.parse(text)),
  });
}

const isFrames = (f: Format) => f === C;

async function streamCase(
  lib: Library,
  peers: Peer[],
  from: Format,
  to: Format,
  events: number,
  chunking: 'one' | 'network',
): Promise<void> {
  const bytes = streamBytes(from, events);
  const chunks = chunking === 'one' ? oneChunk(bytes) : networkChunks(bytes);
  const options = streamOptions(from, to);
  const floor: Contender = isFrames(from)
    ? { name: 'floor: frame decode + JSON.parse + JSON.stringify + SSE', run: () => floorEventStreamToSse(chunks) }
    : isFrames(to)
      ? {
          name: 'floor: SSE split + JSON.parse + JSON.stringify + frame encode',
          run: () => floorSseToEventStream(chunks),
        }
      : { name: 'floor: SSE split + JSON.parse + JSON.stringify + SSE', run: () => floorStream(chunks) };
  const crosswire = () => lib.translateStream(from, to, readableFrom(chunks), options);
  await runCase({
    title: `stream ${SHORT[from]} → ${SHORT[to]}, ${events} events (${kb(bytes.byteLength)}), ${chunking === 'one' ? 'one chunk' : `network chunks 1–4 KB (${chunks.length})`}`,
    floor,
    crosswire: { name: 'crosswire translateStream', run: () => drain(crosswire()), output: () => collect(crosswire()) },
    peers: streamPeers(peers, from, to).map(({ peer, fn }) => ({
      peer,
      name: peer.name,
      run: async () => drain(await fn(readableFrom(chunks))),
      output: async () => collect(await fn(readableFrom(chunks))),
    })),
    digest: (out) => streamDigest(to, out as Uint8Array),
    expected: streamDigest(from, bytes),
  });
}

async function main(): Promise<void> {
  const target = await loadLibrary();
  const { lib } = target;
  const peers = profileSeconds === undefined ? await loadPeers() : { loaded: [], unavailable: [] };
  const cpus = os.cpus();
  console.log(`# crosswire bench${SMOKE ? ' (smoke)' : ''}\n`);
  console.log(
    `- date ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}; node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`- library under test: ${target.description}`);
  console.log(
    `- ${opts.rounds} interleaved rounds of ${opts.batchMs} ms batches per contender, ${clock === 'wall' ? 'elapsed time' : 'process CPU time (CROSSWIRE_BENCH_CLOCK=cpu)'}; "× floor" and "crosswire / this" are medians of per-round ratios (below 1: crosswire is faster than that contender)`,
  );
  console.log(
    '- peers (each case lists only the peers that cover its direction; each peer call is checked once, outside the timed part, and reported instead of timed when its output is not a correct translation):',
  );
  for (const line of coverage(peers.loaded)) console.log(`  ${line}`);
  for (const u of peers.unavailable) console.log(`  - ${u.name}: not available: ${u.reason}`);
  console.log('');

  for (const size of ['small', 'medium', 'large', 'image'] as RequestSize[]) {
    await requestCase(lib, peers.loaded, O, A, size);
    await requestCase(lib, peers.loaded, A, O, size);
  }
  for (const p of [G, C]) {
    await requestCase(lib, peers.loaded, A, p, 'medium');
    await requestCase(lib, peers.loaded, p, A, 'medium');
  }
  for (const size of ['small', 'medium'] as ResponseSize[]) {
    await responseCase(lib, peers.loaded, A, O, size);
    await responseCase(lib, peers.loaded, O, A, size);
  }
  for (const p of [G, C]) {
    await responseCase(lib, peers.loaded, A, p, 'medium');
    await responseCase(lib, peers.loaded, p, A, 'medium');
  }
  for (const events of SMOKE ? [500] : [500, 5000]) {
    for (const chunking of ['one', 'network'] as const) {
      await streamCase(lib, peers.loaded, A, O, events, chunking);
      await streamCase(lib, peers.loaded, O, A, events, chunking);
    }
  }
  for (const p of [G, C]) {
    for (const chunking of ['one', 'network'] as const) {
      await streamCase(lib, peers.loaded, p, A, 500, chunking);
      await streamCase(lib, peers.loaded, A, p, 500, chunking);
    }
  }

  if (profileSeconds !== undefined) return;
  if (!only || 'memory'.includes(only)) {
    const mb = SMOKE ? 5 : 100;
    const m = await measureStreamMemory(lib, mb);
    console.log(
      `### memory: ${mb} MB Messages stream → Chat\n\nheap before ${m.beforeMb.toFixed(1)} MB, max retained during ${m.maxDuringMb.toFixed(1)} MB, after ${m.afterMb.toFixed(1)} MB: growth ${m.growthMb.toFixed(1)} MB (target < 16 MB); ${m.events} events, ${m.outMb.toFixed(1)} MB out${m.gcExposed ? '' : ' (run with --expose-gc for exact figures)'}\n`,
    );
  }

  if (!only || 'gateway'.includes(only)) {
    const g = await measureGatewayOverhead({ smoke: SMOKE });
    console.log(`${g.markdown}\n`);
    if (g.failures > 0) failures++;
  }

  summary();
  await profileMisses();
  if (failures > 0) {
    console.error(`${failures} case(s) failed their correctness check`);
    process.exitCode = 1;
  }
}

/** Issue 17's targets for one row: what it misses, e.g. `× floor 1.29 > 1.15`. */
function misses(r: Row): string[] {
  const out: string[] = [];
  const stream = r.title.startsWith('stream ');
  const limit = stream ? 1.5 : 1.15;
  const x = pairedRatio(r.crosswire, r.floor);
  if (x > limit) out.push(`× floor ${x.toFixed(2)} > ${limit}`);
  if (r.validation) {
    const v = pairedRatio(r.validation, r.floor);
    if (v > 1.6) out.push(`validation ${v.toFixed(2)} > 1.6`);
  }
  for (const p of r.peers) {
    if (!p.m) continue;
    const q = pairedRatio(r.crosswire, p.m);
    if (q > 0.9) out.push(`/ ${p.name.split(' ')[0]} ${q.toFixed(2)} > 0.9`);
  }
  return out;
}

function summary(): void {
  if (rows.length === 0) return;
  const names = [...new Set(rows.flatMap((r) => r.peers.map((p) => p.name)))];
  console.log('## summary\n');
  console.log(
    'crosswire × floor, with validation × floor, the output floor × floor (a reference: parsing the input and stringifying the translated output, which is larger than the input in some directions), and crosswire / peer (below 1: crosswire is faster; "—": the peer does not cover the case; "✗": its output was not a correct translation, see the case). Targets (issue 17): requests and responses ≤ 1.15× the floor, streams ≤ 1.5×, with validation ≤ 1.6×, crosswire / peer ≤ 0.9.\n',
  );
  console.log(
    `| case | load | floor | crosswire × floor | + validation × floor | output floor × floor |${names.map((n) => ` ${n} |`).join('')} targets missed |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|${names.map(() => '---:|').join('')}---|`);
  let missed = 0;
  for (const r of rows) {
    const cells = names.map((n) => {
      const p = r.peers.find((x) => x.name === n);
      if (!p) return '—';
      return p.m ? `${pairedRatio(r.crosswire, p.m).toFixed(2)}×` : '✗';
    });
    const v = r.validation ? `${pairedRatio(r.validation, r.floor).toFixed(2)}×` : '';
    const o = r.outputFloor ? `${pairedRatio(r.outputFloor, r.floor).toFixed(2)}×` : '';
    const m = misses(r);
    if (m.length > 0) missed++;
    console.log(
      `| ${r.title} | ${r.load.toFixed(2)} | ${formatNs(r.floor.medianNs)} | ${pairedRatio(r.crosswire, r.floor).toFixed(2)}× | ${v} | ${o} |${cells.map((c) => ` ${c} |`).join('')} ${m.join('; ')} |`,
    );
  }
  console.log(`\n${rows.length - missed} of ${rows.length} cases meet every target.\n`);
}

/** Under the summary: for every case that misses a target, the split of its time and its hottest functions. */
async function profileMisses(): Promise<void> {
  if (process.env.CROSSWIRE_BENCH_NO_CASE_PROFILE === '1') return;
  const all = rows.filter((r) => r.steps && misses(r).length > 0);
  // the smoke run only keeps this code tested: a few cases, briefly
  const missed = SMOKE ? all.slice(0, 3) : all;
  if (missed.length === 0) return;
  const started = performance.now();
  console.log(
    `## profiles of the cases that miss a target\n\nEach case's steps timed alone (interleaved, as the case), and a V8 CPU profile of crosswire's own step in a loop (${SMOKE ? `smoke: 20 ms each, the first ${missed.length} of ${all.length} cases` : '1 s each'}, sampled every 100 µs): the functions with the most self time, as a share of the whole case (builtins such as \`JSON.parse\` count as their own entries; under tsx every source function shows line 1). Load average ${os.loadavg()[0]!.toFixed(2)}.\n`,
  );
  for (const r of missed) {
    const m = misses(r);
    // a case that misses only its validation target: profile the validation
    const onlyValidation = m.every((x) => x.startsWith('validation')) && (r.steps!.extras?.length ?? 0) > 0;
    const spec: ProfileSpec = {
      title: r.title,
      misses: m,
      ...r.steps!,
      hot: onlyValidation ? r.steps!.parts.length : r.steps!.hot,
    };
    const p = await profileCase(spec, {
      ...opts,
      ...(SMOKE ? {} : { rounds: 5, batchMs: 20 }),
      profileMs: SMOKE ? 20 : 1000,
      top: 8,
    });
    console.log(`${formatCaseProfile(p)}\n`);
  }
  console.log(`(profiles took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
