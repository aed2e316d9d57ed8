/**
 * Finds an operation in an OpenAPI document by its full path (server path prefix + path key, so upstream
 * `servers: [{url: https://api.openai.com/v1}]` + `/chat/completions` matches our `/v1/chat/completions`) and
 * extracts the schemas of its request body, JSON response, stream (`text/event-stream`) and error responses.
 */
import { field, isRecord, type JsonRecord, refName, resolvePointer } from './json.js';

export interface OperationSections {
  /** The operation as found, e.g. `POST /chat/completions`. */
  readonly label: string;
  readonly request?: unknown;
  readonly response?: unknown;
  readonly stream?: unknown;
  /** Error response schemas by status key (`429`, `4XX`, `default`). */
  readonly errors: ReadonlyMap<string, unknown>;
}

export function findOperation(root: JsonRecord, method: string, fullPath: string): OperationSections | undefined {
  const paths = root.paths;
  if (!isRecord(paths)) return undefined;
  const want = normalize(fullPath);
  const matches: [string, JsonRecord][] = [];
  for (const [key, item] of Object.entries(paths)) {
    const op = field(deref(root, item), method);
    if (!isRecord(op)) continue;
    const prefix = serverPrefix(op.servers) ?? serverPrefix(field(item, 'servers')) ?? serverPrefix(root.servers) ?? '';
    if (normalize(prefix + key) === want) return sectionsOf(root, `${method.toUpperCase()} ${key}`, op);
    if (normalize(key) === want) matches.push([key, op]);
  }
  const [key, op] = matches[0] ?? [];
  return key !== undefined && op ? sectionsOf(root, `${method.toUpperCase()} ${key}`, op) : undefined;
}

function normalize(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p.startsWith('/') ? p : `/${p}`;
}

/** The path part of the first server URL (`https://api.openai.com/v1` → `/v1`). */
function serverPrefix(servers: unknown): string | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const url = field(servers[0], 'url');
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** Follows a `$ref` (request bodies, responses and path items may be references). */
function deref(root: JsonRecord, node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 16; i++) {
    const ref = field(current, '$ref');
    if (typeof ref !== 'string') return current;
    current = resolvePointer(root, ref);
  }
  return current;
}

function mediaSchema(root: JsonRecord, holder: unknown, mediaType: string): unknown {
  const content = field(deref(root, holder), 'content');
  if (!isRecord(content)) return undefined;
  const key = Object.keys(content).find((k) => k.split(';')[0].trim().toLowerCase() === mediaType);
  return key === undefined ? undefined : field(content[key], 'schema');
}

function sectionsOf(root: JsonRecord, label: string, op: JsonRecord): OperationSections {
  const request = mediaSchema(root, op.requestBody, 'application/json');
  let response: unknown;
  let stream: unknown;
  const errors = new Map<string, unknown>();
  const responses = isRecord(op.responses) ? op.responses : {};
  for (const [status, res] of Object.entries(responses)) {
    if (status.startsWith('2')) {
      response ??= mediaSchema(root, res, 'application/json');
      stream ??= mediaSchema(root, res, 'text/event-stream');
    } else {
      const schema = mediaSchema(root, res, 'application/json');
      if (schema !== undefined) errors.set(status, schema);
    }
  }
  return { label, request, response, stream, errors };
}

/** Picks our error schema for an upstream status: same key, then `4XX`/`5XX`, then `default`, then any. */
export function matchErrorStatus(ours: ReadonlyMap<string, unknown>, status: string): unknown {
  const family = `${status[0]}XX`;
  return (
    ours.get(status) ??
    ours.get(family) ??
    ours.get(family.toLowerCase()) ??
    ours.get('default') ??
    ours.values().next().value
  );
}

/** Names of the component schemas reachable from the given schema nodes. */
export function reachableSchemas(root: JsonRecord, nodes: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  const seen = new WeakSet<object>();
  const stack: unknown[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (value.startsWith('#/components/schemas/')) names.add(refName(value));
        stack.push(resolvePointer(root, value));
      } else if (key !== 'example' && key !== 'examples') {
        stack.push(value);
      }
    }
  }
  return names;
}
