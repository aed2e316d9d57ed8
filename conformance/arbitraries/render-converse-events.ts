import type { StopReason, TokenUsage } from '../../generated/bedrock-converse/types.gen.js';
import type { ScriptBlock, StreamScript } from './stream-script.js';

/**
 * A ConverseStream event as the AWS SDK yields it and crosswire's codec represents it: `{ <eventType>: payload }`
 * (`{ <camelCase exception>: {message} }` for an exception frame).
 */
export type ConverseEvent = Record<string, Record<string, unknown>>;

/** The cross-walk of docs/wire-formats.md#cross-walk-stop-reasons: Anthropic stop_reason -> Converse stopReason. */
export function scriptConverseStopReason(s: StreamScript): StopReason {
  return s.stop === 'refusal' ? s.converseRefusal : s.stop;
}

/** Converse `TokenUsage` for a script: `inputTokens` excludes cache reads and writes (as Anthropic's); the total counts all four. */
export function scriptConverseUsage(s: StreamScript): TokenUsage {
  const u = s.usage;
  const usage: TokenUsage = {
    inputTokens: u.input,
    outputTokens: u.output,
    totalTokens: u.input + u.output + u.cacheRead + u.cacheWrite,
  };
  if (u.cacheRead > 0) usage.cacheReadInputTokens = u.cacheRead;
  if (u.cacheWrite > 0) usage.cacheWriteInputTokens = u.cacheWrite;
  return usage;
}

/** Bedrock pads event payloads with a random-length field `p` (clients ignore it); here its length varies by position. */
function padding(n: number): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, (n * 7) % 23);
}

function blockEvents(b: ScriptBlock, contentBlockIndex: number, stop: boolean): ConverseEvent[] {
  const delta = (d: Record<string, unknown>, n: number): ConverseEvent => ({
    contentBlockDelta: { contentBlockIndex, delta: d, p: padding(contentBlockIndex + n) },
  });
  const out: ConverseEvent[] = [];
  switch (b.kind) {
    case 'text':
      b.pieces.forEach((text, n) => {
        out.push(delta({ text }, n));
      });
      break;
    case 'thinking':
      b.pieces.forEach((text, n) => {
        out.push(delta({ reasoningContent: { text } }, n));
      });
      out.push(delta({ reasoningContent: { signature: b.signature } }, b.pieces.length));
      break;
    case 'tool':
      out.push({ contentBlockStart: { contentBlockIndex, start: { toolUse: { toolUseId: b.id, name: b.name } } } });
      b.fragments.forEach((input, n) => {
        out.push(delta({ toolUse: { input } }, n));
      });
      break;
  }
  if (stop) out.push({ contentBlockStop: { contentBlockIndex } });
  return out;
}

/**
 * Render a script as a ConverseStream event sequence (docs/wire-formats.md#bedrock-converse-stream): `messageStart`; per block its deltas
 * (text and reasoning start with their first delta; a tool use has a `contentBlockStart` with its id and name,
 * then its input JSON in fragments) and `contentBlockStop` (on the blocks `converseBlockStops` says: real streams
 * leave some out); `messageStop` with the stop reason; `metadata` with
 * the usage after it. Deltas carry Bedrock's padding field `p`.
 */
export function renderConverseEvents(s: StreamScript): ConverseEvent[] {
  const out: ConverseEvent[] = [{ messageStart: { role: 'assistant' } }];
  s.blocks.forEach((b, i) => {
    const stop = s.converseBlockStops === 'always' || (s.converseBlockStops === 'alternate' && i % 2 === 0);
    out.push(...blockEvents(b, i, stop));
  });
  out.push({ messageStop: { stopReason: scriptConverseStopReason(s) } });
  out.push({ metadata: { usage: scriptConverseUsage(s), metrics: { latencyMs: 100 + s.usage.output } } });
  return out;
}
