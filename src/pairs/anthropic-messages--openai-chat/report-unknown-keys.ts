import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * Report every key of `obj` outside `known` whose value carries something (docs/streaming.md, "Loss policy"):
 * `null`, `{}` and `[]` carry nothing and are dropped in silence (OpenAI-compatible servers send
 * `stop_reason: null`, `prompt: []`, `content_filter_results: {}`); anything else is a loss at `path.key`.
 */
export function reportUnknownKeys(
  obj: JsonObject,
  known: ReadonlySet<string>,
  path: string,
  report: (path: string, reason: string) => void,
  reason: string,
): void {
  for (const key in obj) {
    if (known.has(key) || isEmptyValue(obj[key])) continue;
    report(path === '' ? key : `${path}.${key}`, reason);
  }
}

/** `null`, `undefined`, `{}` or `[]` */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!isRecord(v)) return false;
  for (const _ in v) return false;
  return true;
}
