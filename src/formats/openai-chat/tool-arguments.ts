import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * OpenAI `function.arguments` (a JSON string) -> Anthropic `tool_use.input` (an object).
 * Empty -> `{}`. Unparsable or not an object -> `{}` plus a loss naming what was dropped. Never throws.
 * The path of `arguments` is `path`, or `path` followed by `keys` (joined only when a loss is reported).
 */
export function parseToolArguments(
  args: unknown,
  path: JsonPath,
  losses: LossCollector,
  keys?: readonly (string | number)[],
): JsonObject {
  if (args === undefined || args === null || args === '') return {};
  if (typeof args !== 'string') {
    if (isRecord(args)) return args;
    losses.add(resolve(path, keys), 'tool call arguments are not a JSON string; sent as {}');
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    losses.add(resolve(path, keys), `tool call arguments are not valid JSON; sent as {} (dropped: ${truncate(args)})`);
    return {};
  }
  if (!isRecord(parsed)) {
    losses.add(resolve(path, keys), 'tool call arguments are not a JSON object; sent as {}');
    return {};
  }
  return parsed;
}

function resolve(path: JsonPath, keys: readonly (string | number)[] | undefined): JsonPath {
  let out = path;
  if (keys) for (const k of keys) out = childPath(out, k);
  return out;
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
