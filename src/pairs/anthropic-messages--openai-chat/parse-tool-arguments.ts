import type { JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from './narrow.js';

/**
 * OpenAI `function.arguments` (a JSON string) -> Anthropic `tool_use.input` (an object).
 * Empty -> `{}`. Unparsable or not an object -> `{}` plus a loss naming what was dropped. Never throws.
 */
export function parseToolArguments(args: unknown, path: JsonPath, losses: LossCollector): JsonObject {
  if (args === undefined || args === null || args === '') return {};
  if (typeof args !== 'string') {
    if (isRecord(args)) return args;
    losses.add(path, 'tool call arguments are not a JSON string; sent as {}');
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    losses.add(path, `tool call arguments are not valid JSON; sent as {} (dropped: ${truncate(args)})`);
    return {};
  }
  if (!isRecord(parsed)) {
    losses.add(path, 'tool call arguments are not a JSON object; sent as {}');
    return {};
  }
  return parsed;
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
