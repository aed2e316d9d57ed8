import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { FormatId } from '../../src/core/formats.js';
import { translateResponse } from '../../src/translate/translate.js';
import { type StreamScript, streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

/** Thinking a client format carries in the projection (OpenAI Chat's projection has none). */
const CARRIES_THINKING = (client: FormatId) => client !== 'openai-chat';

/** The script's own content as the projection spells it: all text, each tool call's input, all thinking text. */
function scriptContent(s: StreamScript, client: FormatId): Record<string, unknown> {
  const joined = (kind: 'text' | 'thinking') =>
    s.blocks
      .filter((b) => b.kind === kind)
      .map((b) => (b.kind === 'tool' ? '' : b.pieces.join('')))
      .join('');
  return {
    text: joined('text'),
    inputs: s.blocks.flatMap((b) => (b.kind === 'tool' ? [b.input] : [])),
    ...(CARRIES_THINKING(client) ? { thinking: joined('thinking') } : {}),
  };
}

/** The same three things read from a projected client answer (`project-response.ts`). */
function scriptView(p: Record<string, unknown>, client: FormatId): Record<string, unknown> {
  const tools = Array.isArray(p.tools) ? (p.tools as Record<string, unknown>[]) : [];
  const thinking = Array.isArray(p.thinking) ? (p.thinking as Record<string, unknown>[]) : [];
  return {
    text: p.text,
    inputs: tools.map((t) => t.input ?? t.args),
    ...(CARRIES_THINKING(client) ? { thinking: thinking.map((t) => String(t.thinking ?? t.text ?? '')).join('') } : {}),
  };
}

// Folding the translated stream gives the translated response of the folded upstream stream, and both carry the
// generating script's text, tool inputs and thinking.
describe('stream equals non-stream', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(
      d.name,
      (s) => {
        const upstreamEvents = d.render(s);
        const viaStream = d.foldClient(translateEvents(d.upstream, d.client, upstreamEvents, d.options));
        expect(viaStream.error).toBeUndefined();
        expect(viaStream.complete).toBe(true);
        const viaResponse = translateResponse(
          d.upstream,
          d.client,
          d.foldUpstream(upstreamEvents).message,
          d.options,
        ).body;
        const streamed = d.project(viaStream.message);
        const whole = d.project(viaResponse);
        if (d.upstream === 'openai-chat' && s.openaiUsage === 'none') {
          // no usage upstream: neither side can know it, so usage is not compared
          delete streamed.usage;
          delete whole.usage;
        }
        expect(streamed).toEqual(whole);
        // and both say what the generating script says, not only the same as each other
        expect(scriptView(streamed, d.client)).toEqual(scriptContent(s, d.client));
      },
      timeout(),
    );
  }
});
