import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FormatId, isFormatId } from '../../src/core/formats.js';
import type { Loss } from '../../src/core/losses.js';
import type { AnthropicVersion, TranslateOptions } from '../../src/core/options.js';
import type { HttpError } from '../../src/pairs/pair.js';
import { encodeFrames } from './stream-frames.js';

/** `fixtures/` of this checkout. */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

/**
 * The scenario catalog as the package ships it (`npm run build` writes it from `fixtures/`): one JSON file,
 * `{ "scenarios": { "<pair>/<name>": { "<file name>": "<file text>" } } }`. Read when `fixtures/` is not there.
 */
export const CATALOG_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../catalog.json');

/** The files of one scenario folder, wherever they are kept (a folder on disk, or the bundled catalog). */
export interface ScenarioFolder {
  /** where the folder is, for messages */
  where: string;
  /** its file names */
  files: readonly string[];
  /** a file's bytes; undefined when it is not there */
  read(file: string): Uint8Array | undefined;
}

/** The shape of `CATALOG_FILE`. */
export interface ScenarioCatalog {
  scenarios: Record<string, Record<string, string>>;
}

/** The contents of `scenario.json`. */
export interface ScenarioMeta {
  description: string;
  features: string[];
  stream: boolean;
  anthropicVersion?: AnthropicVersion;
  /** losses the request translation must report (`reason` may be a substring); none others */
  expectLosses?: Loss[];
  /**
   * losses the translation of the upstream's answer (response, stream or error, each mode the scenario has) must
   * report, with paths in the upstream document; none others. Not checked when absent.
   */
  expectAnswerLosses?: Loss[];
  /** translation options; default `{ id: <upstream response id or "<pair>-<scenario>">, created: 1700000000 }` */
  options?: TranslateOptions;
  /** the client endpoint: `messages` (default; Chat Completions for OpenAI clients) or Anthropic `count_tokens` */
  endpoint: 'messages' | 'count_tokens';
  /** the client stream is expected to end in an error (mid-stream error, truncated stream); set automatically when the features say so */
  expectStreamError?: boolean;
}

/** One scenario folder, loaded. Absent files are `undefined`. */
export interface Scenario {
  /** `<client>--<upstream>/<name>`: the id used in test names and reports */
  id: string;
  pair: string;
  name: string;
  client: FormatId;
  upstream: FormatId;
  dir: string;
  meta: ScenarioMeta;
  clientRequest?: unknown;
  upstreamRequest?: unknown;
  upstreamResponse?: unknown;
  clientResponse?: unknown;
  upstreamError?: HttpError;
  clientError?: HttpError;
  /** upstream stream bytes: `upstream-stream.sse`, or `upstream-stream.frames.json` encoded with the upstream codec */
  upstreamStream?: Uint8Array;
  /** client stream bytes: `client-stream.sse`, or `client-stream.frames.json` encoded with the client codec */
  clientStream?: Uint8Array;
  /** the events of `upstream-stream.frames.json` (binary formats) */
  upstreamFrames?: unknown[];
  /** the events of `client-stream.frames.json` (binary formats): the stream is compared event by event */
  clientFrames?: unknown[];
}

/** Every scenario file name the loader knows; anything else in a folder is a fixture mistake. */
export const SCENARIO_FILES = [
  'scenario.json',
  'client-request.json',
  'upstream-request.json',
  'upstream-response.json',
  'client-response.json',
  'upstream-error.json',
  'client-error.json',
  'upstream-stream.sse',
  'client-stream.sse',
  'upstream-stream.frames.json',
  'client-stream.frames.json',
] as const;

/** The feature tags a scenario may carry (the rows of the conformance matrix); anything else is a typo. */
export const FEATURES = [
  'beta',
  'cache-control',
  'composed',
  'count-tokens',
  'documents',
  'errors',
  'extensions',
  'finish-reason',
  'framing',
  'losses',
  'max-tokens',
  'mid-stream-error',
  'multi-turn',
  'parallel',
  'refusal',
  'sampling',
  'stop-sequences',
  'stream',
  'stream-error',
  'structured-output',
  'system',
  'text',
  'thinking',
  'tool-choice',
  'tool-names',
  'tool-result',
  'tool-schema',
  'tools',
  'truncated-stream',
  'unicode',
  'usage',
  'versions',
  'vision',
] as const;

export class ScenarioLoadError extends Error {
  override readonly name = 'ScenarioLoadError';
}

function readJson(folder: ScenarioFolder, file: string): unknown {
  const bytes = folder.read(file);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ScenarioLoadError(
      `${join(folder.where, file)}: not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

/** A scenario folder on disk. */
export function diskFolder(dir: string): ScenarioFolder {
  return {
    where: dir,
    files: readdirSync(dir),
    read: (file) => {
      const path = join(dir, file);
      return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
    },
  };
}

/** A scenario folder of the bundled catalog. */
function catalogFolder(id: string, files: Record<string, string>): ScenarioFolder {
  const encoder = new TextEncoder();
  return {
    where: `fixtures/${id}`,
    files: Object.keys(files),
    read: (file) => (Object.hasOwn(files, file) ? encoder.encode(files[file]) : undefined),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asHttpError(v: unknown, where: string): HttpError | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v) || typeof v.status !== 'number' || !('body' in v)) {
    throw new ScenarioLoadError(`${where}: must be { "status": N, "body": {...} }`);
  }
  return { status: v.status, body: v.body };
}

function parseMeta(v: unknown, where: string): ScenarioMeta {
  if (!isObject(v)) throw new ScenarioLoadError(`${where}: missing or not an object`);
  if (typeof v.description !== 'string') throw new ScenarioLoadError(`${where}: "description" must be a string`);
  const features = v.features ?? [];
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    throw new ScenarioLoadError(`${where}: "features" must be an array of strings`);
  }
  const unknown = features.filter((f) => !(FEATURES as readonly string[]).includes(f));
  if (unknown.length > 0)
    throw new ScenarioLoadError(
      `${where}: unknown feature ${JSON.stringify(unknown[0])} (known: ${FEATURES.join(', ')})`,
    );
  for (const key of ['expectLosses', 'expectAnswerLosses'] as const) {
    const list = v[key];
    if (list === undefined) continue;
    const ok =
      Array.isArray(list) &&
      list.every((l) => isObject(l) && typeof l.path === 'string' && typeof l.reason === 'string');
    if (!ok) throw new ScenarioLoadError(`${where}: "${key}" must be [{ "path", "reason" }]`);
  }
  if (v.options !== undefined && !isObject(v.options))
    throw new ScenarioLoadError(`${where}: "options" must be an object`);
  // the request context is what a request translation returns, not an input: the URL's stream flag is an option
  if (isObject(v.options) && isObject(v.options.context) && v.options.context.stream !== undefined)
    throw new ScenarioLoadError(`${where}: the stream flag of a URL goes in "options.stream", not "options.context"`);
  if (v.anthropicVersion !== undefined && v.anthropicVersion !== '2023-06-01' && v.anthropicVersion !== '2026-10-21') {
    throw new ScenarioLoadError(`${where}: unknown "anthropicVersion" ${String(v.anthropicVersion)}`);
  }
  if (v.endpoint !== undefined && v.endpoint !== 'messages' && v.endpoint !== 'count_tokens') {
    throw new ScenarioLoadError(`${where}: "endpoint" must be "messages" or "count_tokens"`);
  }
  const expectStreamError =
    typeof v.expectStreamError === 'boolean'
      ? v.expectStreamError
      : features.some((f) => f === 'mid-stream-error' || f === 'truncated-stream' || f === 'stream-error');
  return {
    description: v.description,
    features: features as string[],
    stream: v.stream === true,
    anthropicVersion: v.anthropicVersion as AnthropicVersion | undefined,
    expectLosses: v.expectLosses as Loss[] | undefined,
    expectAnswerLosses: v.expectAnswerLosses as Loss[] | undefined,
    options: v.options as TranslateOptions | undefined,
    endpoint: v.endpoint === 'count_tokens' ? 'count_tokens' : 'messages',
    expectStreamError,
  };
}

/** A stream given as `<side>-stream.sse` bytes or as `<side>-stream.frames.json` events (binary formats), never both. */
function readStream(
  folder: ScenarioFolder,
  side: 'upstream' | 'client',
  format: FormatId,
): { bytes?: Uint8Array; frames?: unknown[] } {
  const sse = folder.read(`${side}-stream.sse`);
  const framesFile = `${side}-stream.frames.json`;
  const frames = readJson(folder, framesFile);
  if (frames === undefined) return { bytes: sse };
  const where = join(folder.where, framesFile);
  if (sse !== undefined)
    throw new ScenarioLoadError(`${where}: give the ${side} stream as .sse or as .frames.json, not both`);
  if (!Array.isArray(frames)) throw new ScenarioLoadError(`${where}: must be a JSON array of ${format} stream events`);
  try {
    return { bytes: encodeFrames(format, frames), frames };
  } catch (e) {
    throw new ScenarioLoadError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The formats of a pair folder name `<client>--<upstream>`, or undefined when it is not one. */
function pairFormats(pair: string): { client: FormatId; upstream: FormatId } | undefined {
  const [client, upstream, ...rest] = pair.split('--');
  return rest.length === 0 && isFormatId(client) && isFormatId(upstream) ? { client, upstream } : undefined;
}

/** Load one scenario folder `fixtures/<client>--<upstream>/<name>/`. */
export function loadScenario(dir: string): Scenario {
  const name = dir.split(/[\\/]/).filter(Boolean).at(-1) ?? '';
  const pair = dirname(dir).split(/[\\/]/).filter(Boolean).at(-1) ?? '';
  return loadScenarioFrom(pair, name, diskFolder(dir));
}

/** Load scenario `<pair>/<name>` from its files. */
export function loadScenarioFrom(pair: string, name: string, folder: ScenarioFolder): Scenario {
  const dir = folder.where;
  const formats = pairFormats(pair);
  if (!formats) {
    throw new ScenarioLoadError(`${dir}: the parent folder must be named <client-format>--<upstream-format>`);
  }
  const { client, upstream } = formats;
  for (const f of folder.files) {
    if (!(SCENARIO_FILES as readonly string[]).includes(f) && !f.startsWith('.') && f !== 'README.md') {
      throw new ScenarioLoadError(`${join(dir, f)}: unknown scenario file (known: ${SCENARIO_FILES.join(', ')})`);
    }
  }
  const meta = parseMeta(readJson(folder, 'scenario.json'), join(dir, 'scenario.json'));
  const upstreamStream = readStream(folder, 'upstream', upstream);
  const clientStream = readStream(folder, 'client', client);
  return {
    id: `${pair}/${name}`,
    pair,
    name,
    client,
    upstream,
    dir,
    meta,
    clientRequest: readJson(folder, 'client-request.json'),
    upstreamRequest: readJson(folder, 'upstream-request.json'),
    upstreamResponse: readJson(folder, 'upstream-response.json'),
    clientResponse: readJson(folder, 'client-response.json'),
    upstreamError: asHttpError(readJson(folder, 'upstream-error.json'), join(dir, 'upstream-error.json')),
    clientError: asHttpError(readJson(folder, 'client-error.json'), join(dir, 'client-error.json')),
    upstreamStream: upstreamStream.bytes,
    clientStream: clientStream.bytes,
    upstreamFrames: upstreamStream.frames,
    clientFrames: clientStream.frames,
  };
}

/** What is known of a scenario before it is loaded: enough to select it. */
export interface ScenarioRef {
  id: string;
  client: FormatId;
  upstream: FormatId;
}

/**
 * Every scenario under `root` (a fixtures folder, or a catalog file `*.json`), sorted by id; only those `select`
 * accepts are loaded. Folders without `scenario.json` are skipped. No `root`: `fixtures/` of this checkout, or the
 * catalog the package ships (`CATALOG_FILE`).
 */
export function loadScenarios(root?: string, select: (ref: ScenarioRef) => boolean = () => true): Scenario[] {
  if (root?.endsWith('.json')) return loadCatalog(root, select);
  if (root === undefined && !existsSync(FIXTURES_DIR) && existsSync(CATALOG_FILE))
    return loadCatalog(CATALOG_FILE, select);
  const dir = root ?? FIXTURES_DIR;
  if (!existsSync(dir)) return [];
  const out: Scenario[] = [];
  for (const pair of readdirSync(dir).sort()) {
    const pairDir = join(dir, pair);
    if (!statSync(pairDir).isDirectory() || !pair.includes('--')) continue;
    const formats = pairFormats(pair);
    for (const name of readdirSync(pairDir).sort()) {
      const scenarioDir = join(pairDir, name);
      if (!statSync(scenarioDir).isDirectory() || !existsSync(join(scenarioDir, 'scenario.json'))) continue;
      if (formats && !select({ id: `${pair}/${name}`, ...formats })) continue;
      out.push(loadScenario(scenarioDir));
    }
  }
  return out;
}

function loadCatalog(file: string, select: (ref: ScenarioRef) => boolean): Scenario[] {
  const catalog = JSON.parse(readFileSync(file, 'utf8')) as ScenarioCatalog;
  if (!isObject(catalog) || !isObject(catalog.scenarios))
    throw new ScenarioLoadError(`${file}: not a scenario catalog ({ "scenarios": { "<pair>/<name>": { ... } } })`);
  const out: Scenario[] = [];
  for (const id of Object.keys(catalog.scenarios).sort()) {
    const [pair = '', name = ''] = id.split('/');
    const formats = pairFormats(pair);
    if (formats && !select({ id, ...formats })) continue;
    out.push(loadScenarioFrom(pair, name, catalogFolder(id, catalog.scenarios[id] ?? {})));
  }
  return out;
}

/** The catalog of the scenario folders under `root` (what `npm run build` ships as `CATALOG_FILE`). */
export function catalogOf(root: string = FIXTURES_DIR): ScenarioCatalog {
  const scenarios: ScenarioCatalog['scenarios'] = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const s of loadScenarios(root)) {
    const folder = diskFolder(s.dir);
    const files: Record<string, string> = {};
    for (const f of [...folder.files].sort()) {
      if (!(SCENARIO_FILES as readonly string[]).includes(f)) continue;
      files[f] = decoder.decode(folder.read(f));
    }
    scenarios[s.id] = files;
  }
  return { scenarios };
}

/** The id of the first SSE data payload that carries one (`id`, `message.id` or a Responses `response.id`). */
function firstStreamId(bytes: Uint8Array): string | undefined {
  for (const line of new TextDecoder().decode(bytes).split(/\r\n|\r|\n/)) {
    if (!line.startsWith('data:')) continue;
    let data: unknown;
    try {
      data = JSON.parse(line.slice(5));
    } catch {
      continue;
    }
    if (!isObject(data)) continue;
    if (typeof data.id === 'string') return data.id;
    if (isObject(data.message) && typeof data.message.id === 'string') return data.message.id;
    if (isObject(data.response) && typeof data.response.id === 'string') return data.response.id;
  }
  return undefined;
}

/** The id of the first frame event that carries one (Anthropic events in Bedrock InvokeModel frames). */
function firstFramesId(frames: readonly unknown[]): string | undefined {
  for (const f of frames) {
    if (!isObject(f)) continue;
    if (typeof f.id === 'string') return f.id;
    if (isObject(f.message) && typeof f.message.id === 'string') return f.message.id;
  }
  return undefined;
}

/** The id a scenario's translated output carries unless `scenario.json` says otherwise. */
export function defaultResponseId(s: Scenario): string {
  for (const body of [s.upstreamResponse, s.upstreamError?.body]) {
    if (isObject(body) && typeof body.id === 'string') return body.id;
  }
  const fromStream = s.upstreamFrames
    ? firstFramesId(s.upstreamFrames)
    : s.upstreamStream
      ? firstStreamId(s.upstreamStream)
      : undefined;
  return fromStream ?? `${s.pair}-${s.name}`;
}

/** The translation options the fixture runner uses for a scenario. */
export function scenarioOptions(s: Scenario): TranslateOptions {
  const base: TranslateOptions = { id: defaultResponseId(s), created: 1700000000 };
  if (s.meta.anthropicVersion) base.anthropicVersion = s.meta.anthropicVersion;
  return { ...base, ...s.meta.options };
}
