/**
 * `npm run bench`: translation speed and memory against the JSON floor and a peer, measured in
 * one run. `CROSSWIRE_BENCH_SMOKE=1` runs every case briefly (CI uses it so the bench cannot rot);
 * `--only <substring>` picks cases.
 */
import os from 'node:os';
import type { FormatId } from '../src/index.js';
import { translateRequest, translateResponse, translateStream, validateRequest } from '../src/index.js';
import { floorEventStream, floorSseToEventStream } from './event-stream-floor.js';
import { drain, floorJson, floorStream, readableFrom } from './floor.js';
import { measureGatewayOverhead } from './gateway-load.js';
import { type Contender, compare, type Measurement, table } from './harness.js';
import {
  anthropicRequest,
  anthropicResponse,
  anthropicSSE,
  anthropicStreamEvents,
  chunkBytes,
  openaiRequest,
  openaiResponse,
  openaiSSE,
  openaiStreamChunks,
  type Size,
} from './inputs.js';
import { measureStreamMemory } from './memory.js';
import { loadPeer } from './peer.js';
import {
  chunkBinary,
  converseFrames,
  converseStreamEvents,
  geminiSSE,
  geminiStreamChunks,
  PROVIDER_MODEL,
  providerRequestText,
} from './provider-inputs.js';

const SMOKE = process.env.CROSSWIRE_BENCH_SMOKE === '1';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const opts = SMOKE ? { rounds: 2, batchMs: 2 } : { rounds: 15, batchMs: 40 };

const A: FormatId = 'anthropic-messages';
const O: FormatId = 'openai-chat';
const G = 'gemini' satisfies FormatId;
const C = 'bedrock-converse' satisfies FormatId;
const results: { title: string; rows: Measurement[] }[] = [];

/** Setup check, outside the timed part: a case must measure a translation that succeeds, not an error path. */
function mustValidate(format: FormatId, text: string): void {
  const v = validateRequest(format, JSON.parse(text));
  if (!v.ok) throw new Error(`bench input is not a valid ${format} request: ${JSON.stringify(v.errors.slice(0, 3))}`);
}

async function mustTranslateStream(
  from: FormatId,
  to: FormatId,
  chunks: Uint8Array[],
  options?: { model: string },
): Promise<void> {
  let failure: unknown;
  await drain(
    translateStream(from, to, readableFrom(chunks), options, {
      onEnd: ({ error }) => {
        failure = error;
      },
    }),
  );
  if (failure !== undefined) throw new Error(`bench stream ${from} → ${to} failed: ${String(failure)}`);
}

async function bench(title: string, contenders: (Contender | undefined)[], note?: string): Promise<void> {
  if (only && !title.includes(only)) return;
  const present = contenders.filter((c): c is Contender => c !== undefined);
  const rows = await compare(present, opts);
  results.push({ title, rows });
  console.log(`${table(title, rows, note)}\n`);
}

async function main(): Promise<void> {
  console.log(`# crosswire bench${SMOKE ? ' (smoke)' : ''}\n`);
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
  );
  const peer = await loadPeer();

  for (const size of ['small', 'medium', 'large'] as Size[]) {
    const aText = JSON.stringify(anthropicRequest(size));
    const oText = JSON.stringify(openaiRequest(size));
    const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;
    await bench(`request ${size} Messages → Chat (${kb(aText)})`, [
      { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(aText) },
      { name: 'crosswire', run: () => JSON.stringify(translateRequest(A, O, JSON.parse(aText)).body) },
      {
        name: 'crosswire + validation',
        run: () => {
          const b = JSON.parse(aText);
          validateRequest(A, b);
          return JSON.stringify(translateRequest(A, O, b).body);
        },
      },
      peer && {
        name: '@musistudio/llms',
        run: async () => JSON.stringify(await peer.transformRequestOut(JSON.parse(aText))),
      },
    ]);
    await bench(
      `request ${size} Chat → Messages (${kb(oText)})`,
      [
        { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(oText) },
        { name: 'crosswire', run: () => JSON.stringify(translateRequest(O, A, JSON.parse(oText)).body) },
        {
          name: 'crosswire + validation',
          run: () => {
            const b = JSON.parse(oText);
            validateRequest(O, b);
            return JSON.stringify(translateRequest(O, A, b).body);
          },
        },
      ],
      'No peer: @musistudio/llms has no Chat → Messages request transform.',
    );
  }

  // provider requests: the medium Messages input, translated once here (outside the timed part)
  {
    const aText = JSON.stringify(anthropicRequest('medium'));
    const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;
    const back = { model: PROVIDER_MODEL };
    for (const [P, label] of [
      [G, 'Gemini'],
      [C, 'Converse'],
    ] as const) {
      const pText = providerRequestText(P, 'medium');
      mustValidate(A, aText);
      mustValidate(P, pText);
      await bench(
        `request medium Messages → ${label} (${kb(aText)})`,
        [
          { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(aText) },
          { name: 'crosswire', run: () => JSON.stringify(translateRequest(A, P, JSON.parse(aText)).body) },
          {
            name: 'crosswire + validation',
            run: () => {
              const b = JSON.parse(aText);
              validateRequest(A, b);
              return JSON.stringify(translateRequest(A, P, b).body);
            },
          },
        ],
        'No peer for provider formats.',
      );
      await bench(
        `request medium ${label} → Messages (${kb(pText)})`,
        [
          { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(pText) },
          { name: 'crosswire', run: () => JSON.stringify(translateRequest(P, A, JSON.parse(pText), back).body) },
          {
            name: 'crosswire + validation',
            run: () => {
              const b = JSON.parse(pText);
              validateRequest(P, b);
              return JSON.stringify(translateRequest(P, A, b, back).body);
            },
          },
        ],
        'No peer for provider formats.',
      );
    }
  }

  const aRes = JSON.stringify(anthropicResponse());
  const oRes = JSON.stringify(openaiResponse());
  await bench('response Chat → Messages', [
    { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(oRes) },
    { name: 'crosswire', run: () => JSON.stringify(translateResponse(O, A, JSON.parse(oRes)).body) },
    peer && {
      name: '@musistudio/llms',
      run: async () =>
        (
          await peer.transformResponseIn(new Response(oRes, { headers: { 'content-type': 'application/json' } }), {
            req: { id: 'r' },
          })
        ).text(),
    },
  ]);
  await bench(
    'response Messages → Chat',
    [
      { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(aRes) },
      { name: 'crosswire', run: () => JSON.stringify(translateResponse(A, O, JSON.parse(aRes), { created: 0 }).body) },
    ],
    'No peer: @musistudio/llms has no Messages → Chat response transform.',
  );

  const sizes = SMOKE ? [500] : [500, 5000, 50000];
  for (const n of sizes) {
    const oChunks = chunkBytes(openaiSSE(openaiStreamChunks(n)), 1024);
    const aChunks = chunkBytes(anthropicSSE(anthropicStreamEvents(n)), 1024);
    await bench(
      `stream ${n} events Chat → Messages`,
      [
        { name: 'floor: SSE split + parse + stringify + frame', run: () => floorStream(oChunks) },
        { name: 'crosswire translateStream', run: () => drain(translateStream(O, A, readableFrom(oChunks))) },
        peer && {
          name: '@musistudio/llms',
          run: async () =>
            drain(
              (
                await peer.transformResponseIn(
                  new Response(readableFrom(oChunks), { headers: { 'content-type': 'text/event-stream' } }),
                  { req: { id: 'r' } },
                )
              ).body!,
            ),
        },
      ],
      'Per-event cost = median / events. Identical 1 KB chunking for every contender.',
    );
    await bench(
      `stream ${n} events Messages → Chat`,
      [
        { name: 'floor: SSE split + parse + stringify + frame', run: () => floorStream(aChunks) },
        {
          name: 'crosswire translateStream',
          run: () => drain(translateStream(A, O, readableFrom(aChunks), { created: 0 })),
        },
      ],
      'No peer: @musistudio/llms has no Messages → Chat stream transform.',
    );
  }

  // provider streams: built directly in each format (bench/provider-inputs.ts); event-stream input cut into 1 KB chunks like SSE
  {
    const n = SMOKE ? 500 : 5000;
    const gChunks = chunkBytes(geminiSSE(geminiStreamChunks(n)), 1024);
    const cChunks = chunkBinary(converseFrames(converseStreamEvents(n)), 1024);
    const aChunks = chunkBytes(anthropicSSE(anthropicStreamEvents(n)), 1024);
    const back = { model: PROVIDER_MODEL };
    await mustTranslateStream(G, A, gChunks, back);
    await mustTranslateStream(C, A, cChunks, back);
    await mustTranslateStream(A, C, aChunks);
    await bench(
      `stream ${n} events Gemini → Messages`,
      [
        { name: 'floor: SSE split + parse + stringify + frame', run: () => floorStream(gChunks) },
        { name: 'crosswire translateStream', run: () => drain(translateStream(G, A, readableFrom(gChunks), back)) },
      ],
      'No peer for provider formats. Identical 1 KB chunking for every contender.',
    );
    await bench(
      `stream ${n} events Converse → Messages`,
      [
        { name: 'floor: event-stream decode + parse + stringify + encode', run: () => floorEventStream(cChunks) },
        { name: 'crosswire translateStream', run: () => drain(translateStream(C, A, readableFrom(cChunks), back)) },
      ],
      'Binary AWS event-stream input cut into 1 KB chunks (frames split anywhere).',
    );
    await bench(
      `stream ${n} events Messages → Converse`,
      [
        {
          name: 'floor: SSE split + parse + stringify + event-stream encode',
          run: () => floorSseToEventStream(aChunks),
        },
        { name: 'crosswire translateStream', run: () => drain(translateStream(A, C, readableFrom(aChunks))) },
      ],
      'Binary AWS event-stream output; the floor frames each SSE payload as one event-stream frame.',
    );
  }

  if (!only || 'memory'.includes(only)) {
    const mb = SMOKE ? 5 : 100;
    const m = await measureStreamMemory(mb);
    console.log(
      `### memory: ${mb} MB Messages stream → Chat\n\nheap before ${m.beforeMb.toFixed(1)} MB, max retained during ${m.maxDuringMb.toFixed(1)} MB, after ${m.afterMb.toFixed(1)} MB: growth ${m.growthMb.toFixed(1)} MB (target < 16 MB); ${m.events} events, ${m.outMb.toFixed(1)} MB out${m.gcExposed ? '' : ' (run with --expose-gc for exact figures)'}\n`,
    );
  }

  if (!only || 'gateway'.includes(only)) {
    // at 64 streams the two shared cores saturate; one stream at a time isolates the per-request overhead
    const g1 = await measureGatewayOverhead({ smoke: SMOKE, concurrency: 1, requests: SMOKE ? 20 : 400 });
    console.log(`${g1.markdown}\n`);
    const g = await measureGatewayOverhead({ smoke: SMOKE });
    console.log(`${g.markdown}\n`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
