/**
 * Summarise a V8 CPU profile (`node --cpu-prof` writes `*.cpuprofile`): the functions with the most self time and
 * with the most inclusive time, and self time by origin (crosswire's src/, Node internals, each package, GC).
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top 30] [--match <text>] [--per <n>]
 *
 * `--match` keeps only the functions whose name or file contains <text> in the function lists; `--category <text>`
 * lists the leaf functions of the samples in the categories whose name contains <text>. `--per <n>` also
 * prints each category's time divided by n (e.g. the requests the process served: CPU µs per request).
 *
 * Categories: a sample belongs to the first frame, from the leaf up, that has a file (so a builtin such as
 * `JSON.parse` or the `writev` syscall counts for the code that called it), sorted by that file.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface FunctionTime {
  key: string;
  origin: string;
  selfUs: number;
  totalUs: number;
}

/** The repository root, as a file URL ending in `/`. */
const REPO = new URL('..', import.meta.url).href;

/** A frame's file: relative to the repository, or from the package folder on. */
export function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 1);
  return url.startsWith(REPO) ? url.slice(REPO.length) : url;
}

/** `name file:line` (line 1-based), the key functions are aggregated by: the same function on several call paths is one. */
export function frameKey(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  return f.url ? `${name} ${shortUrl(f.url)}:${f.lineNumber + 1}` : name;
}

/** Where a frame's code lives: a top folder of the repository (`src/`), `node internals`, a package name, or a V8 pseudo-frame like `(garbage collector)`. */
export function originOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const short = shortUrl(url);
  if (short.startsWith('node_modules/')) {
    const rest = short.slice('node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return short.includes('/') && !short.includes(':') ? `${short.slice(0, short.indexOf('/'))}/` : short;
}

/** What a file does, for the category table (the gateway's and the translators' own work apart from Node's). */
export function categoryOf(url: string): string {
  const short = shortUrl(url);
  if (short.startsWith('node_modules/')) {
    if (/^node_modules\/zod\//.test(short)) return 'validation (zod, generated)';
    if (/^node_modules\/(@hono|hono)\//.test(short)) return 'hono, @hono/node-server';
    if (/^node_modules\/@smithy\//.test(short)) return '@smithy event-stream codec';
    if (/^node_modules\/(tsx|esbuild)\//.test(short)) return 'module loading (tsx)';
    const parts = short.split('/');
    return parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
  }
  if (short.startsWith('node:')) {
    if (/^node:internal\/modules\//.test(short)) return 'module loading (tsx)';
    if (/^node:internal\/webstreams\//.test(short)) return 'web streams (node:internal/webstreams)';
    if (/^node:internal\/deps\/undici\//.test(short)) return 'Request, Response, Headers (undici)';
    if (/^node:internal\/(encoding|util\/types)/.test(short)) return 'TextEncoder / TextDecoder';
    if (/^node:(_http_|http|https|net|events|stream|internal\/(http|stream_base_commons|streams|net))/.test(short))
      return 'node http, net, streams (socket I/O)';
    if (/^node:internal\/(process\/task_queues|timers|async_hooks)/.test(short)) return 'microtasks, timers';
    return 'other node internals';
  }
  // the library, from the sources (src/…) or a build (dist/…, with or without a src/ level)
  const lib = /(?:^|\/)(?:dist\/(?:src\/)?|src\/)(.*)$/.exec(short)?.[1];
  if (/(?:^|\/)generated\//.test(short) || lib?.startsWith('validate/')) return 'validation (zod, generated)';
  if (lib !== undefined && !/(?:^|\/)bench\//.test(short)) {
    if (lib.startsWith('gateway/')) return 'gateway (src/gateway)';
    if (lib.startsWith('sse/') || lib.startsWith('wire/')) return 'SSE / event-stream codec (src)';
    return 'translation (src: pairs, formats, stream)';
  }
  // the bench's own closures: in a body case they call JSON.parse on the input and JSON.stringify on the output
  if (/(?:^|\/)bench\//.test(short)) return 'bench (with the JSON.parse / JSON.stringify it calls)';
  return 'other';
}

/** A profile's nodes by id, and each node's parent. */
export function indexNodes(profile: Profile): { byId: Map<number, ProfileNode>; parent: Map<number, number> } {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  return { byId, parent };
}
export function summarise(
  profile: Profile,
  pick?: string,
): {
  totalUs: number;
  functions: FunctionTime[];
  origins: Map<string, number>;
  categories: Map<string, number>;
  picked: Map<string, number>;
} {
  const { byId, parent } = indexNodes(profile);
  const fns = new Map<string, FunctionTime>();
  const origins = new Map<string, number>();
  const categories = new Map<string, number>();
  const picked = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(profile.samples[i]!);
    if (!leaf) continue;
    if (leaf.callFrame.functionName === '(idle)') {
      origins.set('(idle)', (origins.get('(idle)') ?? 0) + dt);
      totalUs += dt;
      continue;
    }
    totalUs += dt;
    const origin = originOf(leaf.callFrame);
    origins.set(origin, (origins.get(origin) ?? 0) + dt);
    let category =
      leaf.callFrame.functionName === '(garbage collector)'
        ? 'garbage collector'
        : leaf.callFrame.functionName === '(program)'
          ? '(program: V8, not JS)'
          : undefined;
    for (let id: number | undefined = leaf.id; category === undefined && id !== undefined; id = parent.get(id)) {
      const url = byId.get(id)!.callFrame.url;
      if (url) category = categoryOf(url);
    }
    category ??= '(native, no JS caller)';
    categories.set(category, (categories.get(category) ?? 0) + dt);
    if (pick !== undefined && category.includes(pick)) {
      // the leaf, and the first frame with a file when the leaf is a builtin
      let named = leaf;
      for (let id: number | undefined = leaf.id; id !== undefined && !byId.get(id)!.callFrame.url; id = parent.get(id))
        named = byId.get(parent.get(id) ?? id)!;
      const key =
        named === leaf ? frameKey(leaf.callFrame) : `${frameKey(leaf.callFrame)} ← ${frameKey(named.callFrame)}`;
      picked.set(key, (picked.get(key) ?? 0) + dt);
    }
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id, first = true; id !== undefined; id = parent.get(id), first = false) {
      const node = byId.get(id)!;
      const key = frameKey(node.callFrame);
      let f = fns.get(key);
      if (!f) {
        f = { key, origin: originOf(node.callFrame), selfUs: 0, totalUs: 0 };
        fns.set(key, f);
      }
      if (first) f.selfUs += dt;
      if (!seen.has(key)) {
        seen.add(key);
        f.totalUs += dt;
      }
    }
  }
  return { totalUs, functions: [...fns.values()], origins, categories, picked };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: bench/profile-summary.ts <file.cpuprofile> [--top N] [--match text]');
    process.exit(2);
  }
  const arg = (name: string) =>
    process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
  const top = Number(arg('--top') ?? 30);
  const match = arg('--match');
  const per = arg('--per') ? Number(arg('--per')) : undefined;
  const pick = arg('--category');
  const { totalUs, functions, origins, categories, picked } = summarise(
    JSON.parse(readFileSync(file, 'utf8')) as Profile,
    pick,
  );
  const busy = totalUs - (origins.get('(idle)') ?? 0);
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;
  const keep = functions.filter((f) => f.key !== '(root)' && (!match || f.key.includes(match)));
  console.log(
    `${file}: ${(totalUs / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms not idle (percentages below are of that)\n`,
  );
  console.log(
    `time by category (a builtin counts for its JS caller)${per ? `, and µs per unit of --per ${per}` : ''}:`,
  );
  for (const [c, us] of [...categories].sort((a, b) => b[1] - a[1]))
    console.log(`  ${pct(us).padStart(7)}  ${per ? `${(us / per).toFixed(1).padStart(8)} µs  ` : ''}${c}`);
  if (pick !== undefined) {
    console.log(`\ntop ${top} functions in categories matching "${pick}":`);
    for (const [k, us] of [...picked].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${pct(us).padStart(7)}  ${per ? `${(us / per).toFixed(1).padStart(8)} µs  ` : ''}${k}`);
  }
  console.log('\nself time by origin:');
  for (const [o, us] of [...origins].filter(([o]) => o !== '(idle)').sort((a, b) => b[1] - a[1]))
    console.log(`  ${pct(us).padStart(7)}  ${o}`);
  console.log(`\ntop ${top} by self time:`);
  for (const f of keep.sort((a, b) => b.selfUs - a.selfUs).slice(0, top))
    console.log(`  ${pct(f.selfUs).padStart(7)}  ${f.key}`);
  console.log(`\ntop ${top} by inclusive time:`);
  for (const f of keep.sort((a, b) => b.totalUs - a.totalUs).slice(0, top))
    console.log(`  ${pct(f.totalUs).padStart(7)}  ${f.key}`);
}
