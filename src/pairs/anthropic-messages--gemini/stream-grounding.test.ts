import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { anthropicRequestToGemini } from './request-to-gemini.js';
import { createGeminiToAnthropicStream } from './stream-to-anthropic.js';

type Event = Record<string, unknown> & { type: string };

function run(chunks: unknown[], grounded: boolean) {
  const t = createGeminiToAnthropicStream({ id: 'msg_t', context: grounded ? { geminiGrounding: true } : {} });
  const events: Event[] = [];
  const after: number[] = [];
  for (const c of chunks) {
    events.push(...(t.push(deepFreeze(c)) as Event[]));
    after.push(events.length);
  }
  events.push(...(t.end() as Event[]));
  return { events, after, losses: t.losses };
}

const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
  responseId: 'r',
});
const grounding = {
  webSearchQueries: ['q'],
  groundingChunks: [{ web: { uri: 'https://a.example/', title: 'a' } }],
  groundingSupports: [{ segment: { startIndex: 0, endIndex: 5, text: 'Hello' }, groundingChunkIndices: [0] }],
};
const thought = { text: 'think', thought: true };

/** Block starts/stops pair up in order, deltas land on the open block: the Anthropic stream grammar. */
function expectGrammatical(events: readonly Event[]): void {
  let open: number | undefined;
  let next = 0;
  for (const e of events) {
    if (e.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(e.index).toBe(next);
      open = next++;
    } else if (e.type === 'content_block_delta') expect(e.index).toBe(open);
    else if (e.type === 'content_block_stop') {
      expect(e.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
}

describe('grounded Gemini streams -> Anthropic events', () => {
  it('the request translation notes a grounding tool for the way back', () => {
    const body = { model: 'g', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] };
    const search = [{ type: 'web_search_20250305', name: 'web_search' }];
    expect(anthropicRequestToGemini({ ...body, tools: search }).context.geminiGrounding).toBe(true);
    expect(anthropicRequestToGemini(body).context.geminiGrounding).toBeUndefined();
  });

  it('holds the text (not the thinking before it) until the grounding, then sends search blocks first', () => {
    const { events, after } = run(
      [
        chunk([thought]),
        chunk([{ text: 'Hello' }]),
        chunk([{ text: ' world' }], { finishReason: 'STOP', groundingMetadata: grounding }),
      ],
      true,
    );
    expectGrammatical(events);
    // the thinking streamed live; the text chunk only closed it
    expect(events.slice(0, after[0]).some((e) => e.type === 'content_block_start')).toBe(true);
    expect(events.slice(after[0], after[1]).map((e) => e.type)).toEqual(['content_block_stop']);
    const starts = events
      .filter((e) => e.type === 'content_block_start')
      .map((e) => (e.content_block as { type: string }).type);
    expect(starts).toEqual(['thinking', 'server_tool_use', 'web_search_tool_result', 'text', 'text']);
    const citations = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'citations_delta');
    expect(citations.map((e) => e.index)).toEqual([3]);
  });

  it('a held answer cut short is sent as it is before the error', () => {
    const { events } = run([chunk([{ text: 'Hello' }])], true);
    expectGrammatical(events);
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'error',
    ]);
  });

  it('without the note the text streams live; a late grounding adds the search blocks after it, citations lost', () => {
    const { events, after, losses } = run(
      [chunk([{ text: 'Hello' }]), chunk([], { finishReason: 'STOP', groundingMetadata: grounding })],
      false,
    );
    expectGrammatical(events);
    expect(events.slice(0, after[0]).some((e) => (e.delta as { text?: string } | undefined)?.text === 'Hello')).toBe(
      true,
    );
    const starts = events
      .filter((e) => e.type === 'content_block_start')
      .map((e) => (e.content_block as { type: string }).type);
    expect(starts).toEqual(['text', 'server_tool_use', 'web_search_tool_result']);
    expect(losses.map((l) => l.path)).toEqual(['candidates[0].groundingMetadata.groundingSupports']);
    const delta = events.find((e) => e.type === 'message_delta') as unknown as { usage: Record<string, unknown> };
    expect(delta.usage.server_tool_use).toEqual({ web_search_requests: 1 });
  });

  it('urlContextMetadata is a reported loss, once', () => {
    const meta = {
      urlMetadata: [{ retrievedUrl: 'https://a.example/', urlRetrievalStatus: 'URL_RETRIEVAL_STATUS_SUCCESS' }],
    };
    const { losses } = run(
      [
        chunk([{ text: 'a' }], { urlContextMetadata: meta }),
        chunk([{ text: 'b' }], { finishReason: 'STOP', urlContextMetadata: meta }),
      ],
      true,
    );
    expect(losses.map((l) => l.path)).toEqual(['candidates[0].urlContextMetadata']);
  });
});
