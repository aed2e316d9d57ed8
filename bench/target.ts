/**
 * The library under test, chosen by `CROSSWIRE_BENCH_TARGET`:
 *
 * - `sources` (default): the repository's TypeScript sources (`src/index.ts`, `src/validate/index.ts`,
 *   `src/gateway/node/index.ts`), run through tsx.
 * - `package`: `import 'crosswire'` (and `crosswire/validate`, `crosswire/gateway`…) resolved by Node through the
 *   package's own `exports`, as a user's code resolves it: the built files once `dist/` exists. Run it without the
 *   repository's source condition (`--conditions`), or the exports resolve to the sources again.
 *
 * Every run prints the file each entry resolved to, so a figure always says what it measured.
 */

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the bench calls; the real functions are typed per format, which the bench does not need. */
export interface Library {
  translateRequest(from: string, to: string, body: unknown, options?: object): { body: unknown };
  translateResponse(from: string, to: string, body: unknown, options?: object): { body: unknown };
  translateStream(
    from: string,
    to: string,
    bytes: ReadableStream<Uint8Array>,
    options?: object,
    hooks?: { onEnd?: (result: { losses: unknown[]; error: unknown }) => void },
  ): ReadableStream<Uint8Array>;
  validateRequest(format: string, body: unknown): { ok: boolean; errors?: unknown };
}

export interface GatewayLibrary {
  createGateway(config: object): { fetch(req: Request): Promise<Response> };
  serveGateway(
    gateway: { fetch(req: Request): Promise<Response> },
    opts?: { port?: number; hostname?: string },
  ): Promise<{ url: string; close(): Promise<void> }>;
}

export type TargetKind = 'sources' | 'package';

export function targetKind(): TargetKind {
  const v = process.env.CROSSWIRE_BENCH_TARGET ?? 'sources';
  if (v !== 'sources' && v !== 'package')
    throw new Error(`CROSSWIRE_BENCH_TARGET must be "sources" or "package", not "${v}"`);
  return v;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = {
  root: new URL('../src/index.ts', import.meta.url).href,
  validate: new URL('../src/validate/index.ts', import.meta.url).href,
  gateway: new URL('../src/gateway/node/index.ts', import.meta.url).href,
};

/** `spec` resolved through the package's exports, or undefined when the package does not export it. */
function resolvePackage(spec: string): string | undefined {
  try {
    return import.meta.resolve(spec);
  } catch {
    return undefined;
  }
}

function shown(url: string): string {
  return url.startsWith('file:') ? relative(REPO, fileURLToPath(url)) : url;
}

async function load(candidates: string[], what: string): Promise<{ module: Record<string, unknown>; url: string }> {
  for (const c of candidates) {
    const url = c.startsWith('file:') ? c : resolvePackage(c);
    if (url) return { module: (await import(url)) as Record<string, unknown>, url };
  }
  throw new Error(`bench target: cannot resolve ${what} (tried ${candidates.join(', ')})`);
}

function pick<T>(modules: Record<string, unknown>[], names: readonly string[], what: string): T {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const f = modules.map((m) => m[n]).find((v) => typeof v === 'function');
    if (!f) throw new Error(`bench target: ${what} exports no function ${n}`);
    out[n] = f;
  }
  return out as T;
}

export interface LoadedLibrary {
  lib: Library;
  /** e.g. `sources: src/index.ts, src/validate/index.ts` or `package: dist/index.js, dist/validate.js` */
  description: string;
}

export async function loadLibrary(kind: TargetKind = targetKind()): Promise<LoadedLibrary> {
  const root = await load(kind === 'sources' ? [SOURCES.root] : ['crosswire'], 'the root entry');
  // validation lives behind its own entry once the package splits it off; the root has it until then
  const validate = await load(
    kind === 'sources' ? [SOURCES.validate] : ['crosswire/validate', 'crosswire'],
    'validation',
  );
  const lib = pick<Library>(
    [root.module, validate.module],
    ['translateRequest', 'translateResponse', 'translateStream', 'validateRequest'],
    kind,
  );
  const files = [...new Set([root.url, validate.url])].map(shown);
  const fromSources = files.every((f) => f.endsWith('.ts'));
  const note =
    kind === 'package' && fromSources ? ' (the exports resolve to sources: no build, or a source condition is on)' : '';
  return { lib, description: `${kind}: ${files.join(', ')}${note}` };
}

export async function loadGatewayLibrary(
  kind: TargetKind = targetKind(),
): Promise<{ lib: GatewayLibrary; description: string }> {
  const g = await load(
    kind === 'sources' ? [SOURCES.gateway] : ['crosswire/gateway/node', 'crosswire/gateway'],
    'the gateway',
  );
  const extra =
    kind === 'package' && typeof g.module.createGateway !== 'function'
      ? await load(['crosswire/gateway'], 'the gateway')
      : undefined;
  const lib = pick<GatewayLibrary>(
    [g.module, ...(extra ? [extra.module] : [])],
    ['createGateway', 'serveGateway'],
    'the gateway entry',
  );
  return { lib, description: `${kind}: ${[g.url, ...(extra ? [extra.url] : [])].map(shown).join(', ')}` };
}
