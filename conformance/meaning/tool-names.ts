import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { readGeminiJson } from '../mocks/gemini/read-gemini-json.js';
import { arr, rec } from './common.js';

/**
 * Tool names a gateway chose. A provider refuses some names (Gemini: a leading digit, more than 64 characters;
 * OpenAI and Bedrock: a dot), so a gateway renames them on the way up and back on the way down, each in its own
 * way; what the provider must get is a name it accepts (the strict mock's rules check that) standing for the same
 * tool. Names are matched by the position of the tool's declaration.
 */

/** The tool names a request body declares, in order. */
export function declaredToolNames(format: FormatId, body: unknown): string[] {
  const b = rec(format === 'gemini' ? readGeminiJson(body) : body);
  const names: unknown[] = [];
  switch (format) {
    case 'openai-chat':
      for (const t of arr(b.tools)) names.push(rec(rec(t).function).name);
      break;
    case 'gemini':
      for (const t of arr(b.tools)) for (const d of arr(rec(t).functionDeclarations)) names.push(rec(d).name);
      break;
    case 'bedrock-converse':
      for (const t of arr(rec(b.toolConfig).tools))
        if (isRecord(rec(t).toolSpec)) names.push(rec(rec(t).toolSpec).name);
      break;
    default:
      for (const t of arr(b.tools)) names.push(rec(t).name);
  }
  return names.filter((n): n is string => typeof n === 'string');
}

/**
 * How the reference's tool names map to another body's (by declaration position), only the names that differ;
 * empty when the two declare different numbers of tools (then the difference shows as it is).
 */
export function toolNameMap(
  format: FormatId,
  reference: unknown,
  other: unknown,
  otherFormat: FormatId = format,
): Map<string, string> {
  const from = declaredToolNames(format, reference);
  const to = declaredToolNames(otherFormat, other);
  const map = new Map<string, string>();
  if (from.length !== to.length) return map;
  from.forEach((name, i) => {
    if (name !== to[i]) map.set(name, to[i]!);
  });
  return map;
}

/** `value` with every string equal to a mapped name replaced (object keys stay). */
export function renameStrings(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (map.size === 0) return value;
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => renameStrings(v, map));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameStrings(v, map)]));
  return value;
}
