import { isRecord } from '../../src/core/narrow.js';
import type { Folded } from './fold-anthropic-events.js';

type Json = Record<string, unknown>;

interface OpenBlock {
  kind?: 'text' | 'reasoning' | 'redacted' | 'tool';
  text: string;
  signature?: string;
  redacted?: string;
  toolUseId?: unknown;
  name?: unknown;
  json: string;
}

function parseInput(json: string): unknown {
  if (json === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    return { unparsable: json };
  }
}

function toBlock(b: OpenBlock): Json {
  switch (b.kind) {
    case 'tool':
      return { toolUse: { toolUseId: b.toolUseId, name: b.name, input: parseInput(b.json) } };
    case 'reasoning': {
      const reasoningText: Json = { text: b.text };
      if (b.signature !== undefined) reasoningText.signature = b.signature;
      return { reasoningContent: { reasoningText } };
    }
    case 'redacted':
      return { reasoningContent: { redactedContent: b.redacted } };
    default:
      return { text: b.text };
  }
}

/**
 * Fold ConverseStream events into the Converse response they describe: blocks by `contentBlockIndex` (text
 * deltas concatenated; reasoning text concatenated with its signature; a tool use's `contentBlockStart` gives id
 * and name, its input fragments are concatenated and parsed), `stopReason` from `messageStop`, `usage` and
 * `metrics` from `metadata`. The stream is complete once `messageStop` was seen; an exception event is its error
 * (`{type: <exception name>, message}`).
 */
export function foldConverseEvents(events: readonly unknown[]): Folded<Json> {
  const blocks = new Map<number, OpenBlock>();
  let stopReason: unknown;
  let usage: unknown;
  let metrics: unknown;
  let error: unknown;
  let complete = false;
  const block = (i: unknown): OpenBlock => {
    const index = typeof i === 'number' ? i : -1;
    let b = blocks.get(index);
    if (!b) {
      b = { text: '', json: '' };
      blocks.set(index, b);
    }
    return b;
  };
  for (const e of events) {
    if (!isRecord(e)) continue;
    const name = Object.keys(e)[0] ?? '';
    const p = isRecord(e[name]) ? (e[name] as Json) : {};
    if (/Exception$/.test(name)) {
      error = { type: name, message: p.message };
      continue;
    }
    switch (name) {
      case 'contentBlockStart': {
        const start = isRecord(p.start) ? p.start : {};
        if (isRecord(start.toolUse))
          Object.assign(block(p.contentBlockIndex), {
            kind: 'tool',
            toolUseId: start.toolUse.toolUseId,
            name: start.toolUse.name,
          });
        break;
      }
      case 'contentBlockDelta': {
        const b = block(p.contentBlockIndex);
        const d = isRecord(p.delta) ? p.delta : {};
        if (typeof d.text === 'string') {
          b.kind ??= 'text';
          b.text += d.text;
        } else if (isRecord(d.toolUse)) {
          if (typeof d.toolUse.input === 'string') b.json += d.toolUse.input;
        } else if (isRecord(d.reasoningContent)) {
          const r = d.reasoningContent;
          if (typeof r.redactedContent === 'string') {
            b.kind = 'redacted';
            b.redacted = r.redactedContent;
          } else {
            b.kind ??= 'reasoning';
            if (typeof r.text === 'string') b.text += r.text;
            if (typeof r.signature === 'string') b.signature = r.signature;
          }
        }
        break;
      }
      case 'messageStop':
        stopReason = p.stopReason;
        complete = true;
        break;
      case 'metadata':
        usage = p.usage;
        metrics = p.metrics;
        break;
    }
  }
  const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => toBlock(b));
  const response: Json = { output: { message: { role: 'assistant', content } } };
  if (stopReason !== undefined) response.stopReason = stopReason;
  if (usage !== undefined) response.usage = usage;
  if (metrics !== undefined) response.metrics = metrics;
  return { message: response, error, complete };
}
