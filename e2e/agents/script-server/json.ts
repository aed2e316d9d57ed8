/** Small narrowing helpers for request bodies of unknown shape. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export { jsonEqual } from '../../../conformance/scripted-model/agent-script.js';

/** Every string found anywhere in a JSON value (used to look for the run's marker in a conversation). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** A rough token count for usage fields: four characters a token. */
export function roughTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

/** Text carried as a string, or as an array of parts with `text` (joined by newlines; other parts count as ''). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return asArray(value)
    .filter(isRecord)
    .map((part) => asString(part.text) ?? '')
    .join('\n');
}
