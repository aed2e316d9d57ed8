/**
 * Peers: other open-source translators, called in-process on the same bytes, each through the entry points its
 * own server uses. Every adapter is bytes in → bytes out like crosswire's cases: a peer that takes objects gets
 * `JSON.parse` before and `JSON.stringify` after, inside its timed call. A peer appears only in the cases whose
 * direction it covers (`covers`); bench/run.ts checks each peer call once, outside the timed part, and reports
 * instead of timing a peer that throws or whose output loses content.
 *
 * - `@musistudio/llms` (devDependency): its `Anthropic` transformer (Messages → Chat requests; Chat → Messages
 *   responses and streams) and its `vertex-claude` transformer's response side (Messages → Chat responses and
 *   streams, the Anthropic body Vertex returns). Its Gemini transformer goes Chat ↔ Gemini, a direction with no
 *   bench case (crosswire composes it through Messages).
 * - `llm-bridge` (devDependency): `translateBetweenProviders` for requests between Chat, Messages and Gemini;
 *   `handleUniversalStreamRequest` for streams between them. It has no response translation.
 * - Portkey's gateway: its npm package cannot be called in-process (see PORTKEY_NPM below). With
 *   `CROSSWIRE_BENCH_PORTKEY_SRC=<a Portkey gateway source checkout, dependencies installed>` the bench imports
 *   its pure transforms from that checkout's TypeScript (through tsx, as crosswire's sources are): Chat →
 *   Messages requests (`transformUsingProviderConfig` with `AnthropicChatCompleteConfig`), Messages → Chat
 *   responses (`getAnthropicChatCompleteResponseTransform`) and stream events (`getAnthropicStreamChunkTransform`,
 *   fed one SSE event at a time by the floor's splitter, `sseBlockTransform`: Portkey's own `readStream` sleeps
 *   25 ms before the first event, which a loop cannot time, and re-splits its whole buffer for every event).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sseBlockTransform } from './floor.js';
import type { Format } from './inputs.js';

export type Direction = `${Format}>${Format}`;
export type TextFn = (text: string) => string | Promise<string>;
export type StreamFn = (
  bytes: ReadableStream<Uint8Array>,
) => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>;

export interface Peer {
  /** name and version, e.g. `llm-bridge 2.0.1` */
  name: string;
  request: Partial<Record<Direction, TextFn>>;
  response: Partial<Record<Direction, TextFn>>;
  stream: Partial<Record<Direction, StreamFn>>;
}

export interface Peers {
  loaded: Peer[];
  /** peers that could not be loaded, and why */
  unavailable: { name: string; reason: string }[];
}

const A = 'anthropic-messages';
const O = 'openai-chat';
const G = 'gemini';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    // a package whose exports hide package.json: read it beside the resolved entry's package root
    const entry = require.resolve(pkg);
    const root = entry.slice(0, entry.lastIndexOf(`node_modules/${pkg}/`) + `node_modules/${pkg}/`.length);
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream' };

// ---------------------------------------------------------------------------------------------- @musistudio/llms

interface LlmsTransformer {
  transformRequestOut?(body: unknown): Promise<unknown>;
  transformResponseIn?(res: Response, ctx: { req: { id: string } }): Promise<Response>;
  transformResponseOut?(res: Response): Promise<Response>;
}

async function loadLlms(): Promise<Peer> {
  const mod = require('@musistudio/llms') as {
    default: new (o: object) => { transformerService: { getTransformer(n: string): LlmsTransformer | undefined } };
  };
  const server = new mod.default({ logger: false, useJsonFile: false });
  // its transformers register on the next tick
  await new Promise((r) => setTimeout(r, 0));
  const anthropic = server.transformerService.getTransformer('Anthropic');
  const vertexClaude = server.transformerService.getTransformer('vertex-claude');
  if (!anthropic?.transformRequestOut || !anthropic.transformResponseIn) throw new Error('no Anthropic transformer');
  const toChat = anthropic.transformRequestOut.bind(anthropic);
  const toMessages = anthropic.transformResponseIn.bind(anthropic);
  const ctx = { req: { id: 'bench' } };
  const peer: Peer = {
    name: `@musistudio/llms ${versionOf('@musistudio/llms')}`,
    request: { [`${A}>${O}`]: async (t: string) => JSON.stringify(await toChat(JSON.parse(t))) },
    response: {
      [`${O}>${A}`]: async (t: string) => (await toMessages(new Response(t, { headers: JSON_HEADERS }), ctx)).text(),
    },
    stream: {
      [`${O}>${A}`]: async (b: ReadableStream<Uint8Array>) =>
        (await toMessages(new Response(b, { headers: SSE_HEADERS }), ctx)).body!,
    },
  };
  if (vertexClaude?.transformResponseOut) {
    const fromMessages = vertexClaude.transformResponseOut.bind(vertexClaude);
    peer.response[`${A}>${O}`] = async (t: string) =>
      (await fromMessages(new Response(t, { headers: JSON_HEADERS }))).text();
    peer.stream[`${A}>${O}`] = async (b: ReadableStream<Uint8Array>) =>
      (await fromMessages(new Response(b, { headers: SSE_HEADERS }))).body!;
  }
  return peer;
}

// ---------------------------------------------------------------------------------------------- llm-bridge

type BridgeProvider = 'openai' | 'anthropic' | 'google';
interface LlmBridge {
  translateBetweenProviders(from: BridgeProvider, to: BridgeProvider, body: unknown): unknown;
  handleUniversalStreamRequest(
    stream: ReadableStream<Uint8Array>,
    from: BridgeProvider,
    to: BridgeProvider,
  ): ReadableStream<Uint8Array>;
}

async function loadLlmBridge(): Promise<Peer> {
  const bridge = (await import('llm-bridge')) as unknown as LlmBridge;
  const names: [Format, BridgeProvider][] = [
    [A, 'anthropic'],
    [O, 'openai'],
    [G, 'google'],
  ];
  const peer: Peer = { name: `llm-bridge ${versionOf('llm-bridge')}`, request: {}, response: {}, stream: {} };
  for (const [from, f] of names) {
    for (const [to, t] of names) {
      if (from === to || (from !== A && to !== A)) continue;
      peer.request[`${from}>${to}`] = (text: string) =>
        JSON.stringify(bridge.translateBetweenProviders(f, t, JSON.parse(text)));
      peer.stream[`${from}>${to}`] = (b: ReadableStream<Uint8Array>) => bridge.handleUniversalStreamRequest(b, f, t);
    }
  }
  return peer;
}

// ---------------------------------------------------------------------------------------------- Portkey

/** Why the npm package is not a peer (checked on @portkey-ai/gateway 1.9.8 and 1.15.2, the versions on npm). */
export const PORTKEY_NPM =
  '@portkey-ai/gateway on npm ships one file of code, build/start-server.js: a minified bundle of the whole server ' +
  'that exports nothing and, when imported, starts an HTTP server on port 8787 and clears the terminal. Its ' +
  'transforms are private, renamed bindings inside that module: reachable only by editing the bundle (copying ' +
  'its code) or by pausing it under the inspector (timing it under a debugger), so it cannot be a fair peer. ' +
  'Set CROSSWIRE_BENCH_PORTKEY_SRC to a Portkey gateway source checkout (dependencies installed) to bench its transforms.';

interface PortkeyAnthropic {
  AnthropicChatCompleteConfig: object;
  getAnthropicChatCompleteResponseTransform(
    provider: string,
  ): (body: unknown, status: number, headers: Headers, strict: boolean) => unknown;
  getAnthropicStreamChunkTransform(
    provider: string,
  ): (chunk: string, fallbackId: string, state: object, strict: boolean) => string | undefined;
}
interface PortkeyRequest {
  transformUsingProviderConfig(config: object, params: unknown, options: object): unknown;
}

async function loadPortkey(root: string): Promise<Peer> {
  const at = (p: string) => pathToFileURL(join(root, p)).href;
  const request = (await import(at('src/services/transformToProviderRequest.ts'))) as PortkeyRequest;
  const anthropic = (await import(at('src/providers/anthropic/chatComplete.ts'))) as PortkeyAnthropic;
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const strict = true; // Portkey's default (x-portkey-strict-open-ai-compliance unset)
  const response = anthropic.getAnthropicChatCompleteResponseTransform('anthropic');
  const chunk = anthropic.getAnthropicStreamChunkTransform('anthropic');
  const headers = new Headers();
  return {
    name: `Portkey gateway ${version} (sources)`,
    request: {
      [`${O}>${A}`]: (t: string) =>
        JSON.stringify(
          request.transformUsingProviderConfig(anthropic.AnthropicChatCompleteConfig, JSON.parse(t), {
            provider: 'anthropic',
          }),
        ),
    },
    response: { [`${A}>${O}`]: (t: string) => JSON.stringify(response(JSON.parse(t), 200, headers, strict)) },
    stream: {
      [`${A}>${O}`]: (b: ReadableStream<Uint8Array>) => {
        const state = {};
        return b.pipeThrough(sseBlockTransform((event) => chunk(event, 'bench', state, strict)));
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------- all

export async function loadPeers(): Promise<Peers> {
  const loaded: Peer[] = [];
  const unavailable: Peers['unavailable'] = [];
  const attempt = async (name: string, load: () => Promise<Peer>) => {
    try {
      loaded.push(await load());
    } catch (e) {
      unavailable.push({ name, reason: (e as Error).message });
    }
  };
  await attempt('@musistudio/llms', loadLlms);
  await attempt('llm-bridge', loadLlmBridge);
  const portkey = process.env.CROSSWIRE_BENCH_PORTKEY_SRC;
  if (portkey) await attempt('Portkey gateway (sources)', () => loadPortkey(portkey));
  else unavailable.push({ name: 'Portkey gateway', reason: PORTKEY_NPM });
  return { loaded, unavailable };
}

/** What each peer covers, as lines for the bench's header. */
export function coverage(peers: Peer[]): string[] {
  const short: Record<string, string> = { [A]: 'Messages', [O]: 'Chat', [G]: 'Gemini', 'bedrock-converse': 'Converse' };
  const list = (r: Partial<Record<Direction, unknown>>) =>
    Object.keys(r)
      .map((d) =>
        d
          .split('>')
          .map((f) => short[f] ?? f)
          .join(' → '),
      )
      .join(', ') || 'none';
  return peers.map(
    (p) => `- ${p.name}: requests ${list(p.request)}; responses ${list(p.response)}; streams ${list(p.stream)}`,
  );
}
