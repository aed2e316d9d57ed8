import { isRecord } from '../../src/core/narrow.js';
import type { Folded } from './fold-anthropic-events.js';

type Json = Record<string, unknown>;

/**
 * Fold a Responses event sequence into the response it describes, the way the official SDK's `responses.stream()`
 * accumulates it: lifecycle events (`response.created`, …, the terminal ones) replace the snapshot with their
 * `response`; `output_item.added` appends the item and `.done` replaces it; content parts, text, refusal,
 * arguments and summary deltas build the open item; `.done` events replace the accumulated value. Clients
 * (the SDK's `finalResponse()`, Codex CLI) take their answer from the terminal event's response.
 */
export function foldResponsesEvents(events: readonly unknown[]): Folded<Json> {
  let snapshot: Json = {};
  let error: unknown;
  let complete = false;
  const output = (): Json[] => {
    if (!Array.isArray(snapshot.output)) snapshot.output = [];
    return snapshot.output as Json[];
  };
  const item = (e: Json): Json | undefined => {
    const o = typeof e.output_index === 'number' ? output()[e.output_index] : undefined;
    return isRecord(o) ? o : undefined;
  };
  const part = (e: Json): Json | undefined => {
    const it = item(e);
    const c =
      it && Array.isArray(it.content) && typeof e.content_index === 'number' ? it.content[e.content_index] : undefined;
    return isRecord(c) ? c : undefined;
  };
  const summary = (e: Json): Json | undefined => {
    const it = item(e);
    const s =
      it && Array.isArray(it.summary) && typeof e.summary_index === 'number' ? it.summary[e.summary_index] : undefined;
    return isRecord(s) ? s : undefined;
  };
  for (const raw of events) {
    if (!isRecord(raw)) continue;
    const e = raw;
    switch (e.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        if (isRecord(e.response)) snapshot = structuredClone(e.response);
        if (e.type === 'response.completed' || e.type === 'response.incomplete') complete = true;
        if (e.type === 'response.failed' && error === undefined) error = isRecord(e.response) ? e.response.error : e;
        break;
      case 'error':
        error = e;
        break;
      case 'response.output_item.added':
        if (isRecord(e.item)) output().push(structuredClone(e.item));
        break;
      case 'response.output_item.done':
        if (isRecord(e.item) && typeof e.output_index === 'number') output()[e.output_index] = structuredClone(e.item);
        break;
      case 'response.content_part.added': {
        const it = item(e);
        if (it && isRecord(e.part)) {
          if (!Array.isArray(it.content)) it.content = [];
          (it.content as Json[]).push(structuredClone(e.part));
        }
        break;
      }
      case 'response.content_part.done': {
        const it = item(e);
        if (it && Array.isArray(it.content) && typeof e.content_index === 'number' && isRecord(e.part))
          it.content[e.content_index] = structuredClone(e.part);
        break;
      }
      case 'response.output_text.delta': {
        const p = part(e);
        if (p && typeof e.delta === 'string') p.text = String(p.text ?? '') + e.delta;
        break;
      }
      case 'response.output_text.done': {
        const p = part(e);
        if (p && typeof e.text === 'string') p.text = e.text;
        break;
      }
      case 'response.refusal.delta': {
        const p = part(e);
        if (p && typeof e.delta === 'string') p.refusal = String(p.refusal ?? '') + e.delta;
        break;
      }
      case 'response.refusal.done': {
        const p = part(e);
        if (p && typeof e.refusal === 'string') p.refusal = e.refusal;
        break;
      }
      case 'response.output_text.annotation.added': {
        const p = part(e);
        if (p) {
          if (!Array.isArray(p.annotations)) p.annotations = [];
          (p.annotations as unknown[]).push(e.annotation);
        }
        break;
      }
      case 'response.function_call_arguments.delta': {
        const it = item(e);
        if (it && typeof e.delta === 'string') it.arguments = String(it.arguments ?? '') + e.delta;
        break;
      }
      case 'response.function_call_arguments.done': {
        const it = item(e);
        if (it && typeof e.arguments === 'string') it.arguments = e.arguments;
        break;
      }
      case 'response.custom_tool_call_input.delta': {
        const it = item(e);
        if (it && typeof e.delta === 'string') it.input = String(it.input ?? '') + e.delta;
        break;
      }
      case 'response.custom_tool_call_input.done': {
        const it = item(e);
        if (it && typeof e.input === 'string') it.input = e.input;
        break;
      }
      case 'response.reasoning_summary_part.added': {
        const it = item(e);
        if (it && isRecord(e.part)) {
          if (!Array.isArray(it.summary)) it.summary = [];
          (it.summary as Json[]).push(structuredClone(e.part));
        }
        break;
      }
      case 'response.reasoning_summary_part.done': {
        const it = item(e);
        if (it && Array.isArray(it.summary) && typeof e.summary_index === 'number' && isRecord(e.part))
          it.summary[e.summary_index] = structuredClone(e.part);
        break;
      }
      case 'response.reasoning_summary_text.delta': {
        const s = summary(e);
        if (s && typeof e.delta === 'string') s.text = String(s.text ?? '') + e.delta;
        break;
      }
      case 'response.reasoning_summary_text.done': {
        const s = summary(e);
        if (s && typeof e.text === 'string') s.text = e.text;
        break;
      }
      default:
        break;
    }
  }
  return { message: snapshot, error, complete };
}
