/**
 * `npm run bench`: translation speed and memory against the JSON floor and a peer, measured in
 * one run. `CROSSWIRE_BENCH_SMOKE=1` runs every case briefly (CI uses it so the bench cannot rot);
 * `--only <substring>` picks cases.
 */
import os from 'node:os';
import { type Contender, compare, type Measurement, table } from './harness.js';
import { floorJson, floorStream, readableFrom, drain } from './floor.js';
import {
  anthropicRequest, anthropicResponse, anthropicSSE, anthropicStreamEvents, chunkBytes, openaiRequest, openaiResponse,
  openaiSSE, openaiStreamChunks, type Size,
} from './inputs.js';
import { loadPeer } from './peer.js';
import { measureStreamMemory } from './memory.js';
import { measureGatewayOverhead } from './gateway-load.js';
import { translateRequest, translateResponse, translateStream, validateRequest } from '../src/index.js';
import type { FormatId } from '../src/index.js';

const SMOKE = process.env.CROSSWIRE_BENCH_SMOKE === '1';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const opts = SMOKE ? { rounds: 2, batchMs: 2 } : { rounds: 15, batchMs: 40 };

const A: FormatId = 'anthropic-messages';
const O: FormatId = 'openai-chat';
const results: { title: string; rows: Measurement[] }[] = [];

async function bench(title: string, contenders: (Contender | undefined)[], note?: string): Promise<void> {
  if (only && !title.includes(only)) return;
  const present = contenders.filter((c): c is Contender => c !== undefined);
  const rows = await compare(present, opts);
  results.push({ title, rows });
  console.log(`${table(title, rows, note)}\n`);
}

async function main(): Promise<void> {
  console.log(`# crosswire bench${SMOKE ? ' (smoke)' : ''}\n`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  const peer = await loadPeer();

  for (const size of ['small', 'medium', 'large'] as Size[]) {
    const aText = JSON.stringify(anthropicRequest(size));
    const oText = JSON.stringify(openaiRequest(size));
    const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;
    await bench(`request ${size} Messages → Chat (${kb(aText)})`, [
      { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(aText) },
      { name: 'crosswire', run: () => JSON.stringify(translateRequest(A, O, JSON.parse(aText)).body) },
      { name: 'crosswire + validation', run: () => { const b = JSON.parse(aText); validateRequest(A, b); return JSON.stringify(translateRequest(A, O, b).body); } },
      peer && { name: '@musistudio/llms', run: async () => JSON.stringify(await peer.transformRequestOut(JSON.parse(aText))) },
    ]);
    await bench(`request ${size} Chat → Messages (${kb(oText)})`, [
      { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(oText) },
      { name: 'crosswire', run: () => JSON.stringify(translateRequest(O, A, JSON.parse(oText)).body) },
      { name: 'crosswire + validation', run: () => { const b = JSON.parse(oText); validateRequest(O, b); return JSON.stringify(translateRequest(O, A, b).body); } },
    ], 'No peer: @musistudio/llms has no Chat → Messages request transform.');
  }

  const aRes = JSON.stringify(anthropicResponse());
  const oRes = JSON.stringify(openaiResponse());
  await bench('response Chat → Messages', [
    { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(oRes) },
    { name: 'crosswire', run: () => JSON.stringify(translateResponse(O, A, JSON.parse(oRes)).body) },
    peer && { name: '@musistudio/llms', run: async () => (await peer.transformResponseIn(new Response(oRes, { headers: { 'content-type': 'application/json' } }), { req: { id: 'r' } })).text() },
  ]);
  await bench('response Messages → Chat', [
    { name: 'floor: JSON.parse + JSON.stringify', run: () => floorJson(aRes) },
    { name: 'crosswire', run: () => JSON.stringify(translateResponse(A, O, JSON.parse(aRes), { created: 0 }).body) },
  ], 'No peer: @musistudio/llms has no Messages → Chat response transform.');

  const sizes = SMOKE ? [500] : [500, 5000, 50000];
  for (const n of sizes) {
    const oChunks = chunkBytes(openaiSSE(openaiStreamChunks(n)), 1024);
    const aChunks = chunkBytes(anthropicSSE(anthropicStreamEvents(n)), 1024);
    await bench(`stream ${n} events Chat → Messages`, [
      { name: 'floor: SSE split + parse + stringify + frame', run: () => floorStream(oChunks) },
      { name: 'crosswire translateStream', run: () => drain(translateStream(O, A, readableFrom(oChunks))) },
      peer && { name: '@musistudio/llms', run: async () => drain((await peer.transformResponseIn(new Response(readableFrom(oChunks), { headers: { 'content-type': 'text/event-stream' } }), { req: { id: 'r' } })).body!) },
    ], 'Per-event cost = median / events. Identical 1 KB chunking for every contender.');
    await bench(`stream ${n} events Messages → Chat`, [
      { name: 'floor: SSE split + parse + stringify + frame', run: () => floorStream(aChunks) },
      { name: 'crosswire translateStream', run: () => drain(translateStream(A, O, readableFrom(aChunks), { created: 0 })) },
    ], 'No peer: @musistudio/llms has no Messages → Chat stream transform.');
  }

  if (!only || 'memory'.includes(only)) {
    const mb = SMOKE ? 5 : 100;
    const m = await measureStreamMemory(mb);
    console.log(`### memory: ${mb} MB Messages stream → Chat\n\nheap before ${m.beforeMb.toFixed(1)} MB, max retained during ${m.maxDuringMb.toFixed(1)} MB, after ${m.afterMb.toFixed(1)} MB: growth ${m.growthMb.toFixed(1)} MB (target < 16 MB); ${m.events} events, ${m.outMb.toFixed(1)} MB out${m.gcExposed ? '' : ' (run with --expose-gc for exact figures)'}\n`);
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
