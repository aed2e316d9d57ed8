/**
 * Loads an OpenAPI document from a file path or an http(s) URL, as YAML or JSON (`yaml` parses both; JSON is
 * tried first because `JSON.parse` is much faster on multi-megabyte specs).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { isRecord, type JsonRecord } from './json.js';

/** Reads the text of `source` (a path, `file:` URL or http(s) URL). */
export async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`GET ${source}: HTTP ${res.status}`);
    return res.text();
  }
  return readFile(source.startsWith('file:') ? new URL(source) : source, 'utf8');
}

/** Parses OpenAPI text (JSON or YAML) into its root object. */
export function parseSpecText(text: string, label: string): JsonRecord {
  let root: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      root = JSON.parse(text);
    } catch {
      root = undefined;
    }
  }
  if (root === undefined) root = parse(text, { maxAliasCount: -1 });
  if (!isRecord(root) || !isRecord(root.paths)) throw new Error(`${label}: not an OpenAPI document (no \`paths\`)`);
  return root;
}

/** Reads and parses an OpenAPI document. */
export async function loadSpec(source: string): Promise<JsonRecord> {
  return parseSpecText(await readSource(source), source);
}
