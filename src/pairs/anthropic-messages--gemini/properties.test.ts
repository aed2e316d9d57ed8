import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { readText, streamOfChunks } from '../../../test/support/stream-test-utils.js';
import { TranslationError } from '../../core/errors.js';
import { translateStream } from '../../translate/translate-stream.js';
import { geminiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToGemini } from './request-to-gemini.js';
import { geminiResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToGemini } from './response-to-gemini.js';
import { createGeminiToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToGeminiStream } from './stream-to-gemini.js';

const onlyTypedErrors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TranslationError);
  }
};

/** JSON-ish values biased towards the shapes the translators read. */
const part = fc.oneof(
  fc.record(
    {
      text: fc.string(),
      thought: fc.option(fc.boolean(), { nil: undefined }),
      thoughtSignature: fc.option(fc.string(), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
  fc.record({
    functionCall: fc.record({
      name: fc.string(),
      args: fc.oneof(fc.object(), fc.anything()),
      id: fc.option(fc.string(), { nil: undefined }),
    }),
  }),
  fc.record({ functionResponse: fc.record({ name: fc.string(), response: fc.anything() }) }),
  fc.record({
    inlineData: fc.record({
      mimeType: fc.constantFrom('image/png', 'application/pdf', 'text/plain', 'audio/wav'),
      data: fc.string(),
    }),
  }),
  fc.anything(),
);
const geminiContent = fc.record({
  role: fc.constantFrom('user', 'model', 'x', undefined),
  parts: fc.oneof(fc.array(part, { maxLength: 4 }), fc.anything()),
});
const geminiBody = fc.oneof(
  fc.record(
    {
      contents: fc.array(geminiContent, { maxLength: 4 }),
      generationConfig: fc.anything(),
      tools: fc.anything(),
      toolConfig: fc.anything(),
    },
    { requiredKeys: ['contents'] },
  ),
  fc.anything(),
);
/** Grounding metadata biased towards what the translators read (docs/wire-formats.md#gemini-grounding). */
const groundingMetadata = fc.oneof(
  fc.record(
    {
      webSearchQueries: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.anything()),
      groundingChunks: fc.array(
        fc.oneof(
          fc.record({ web: fc.record({ uri: fc.oneof(fc.string(), fc.anything()), title: fc.anything() }) }),
          fc.anything(),
        ),
        { maxLength: 3 },
      ),
      groundingSupports: fc.array(
        fc.oneof(
          fc.record({
            segment: fc.record(
              {
                startIndex: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.anything()),
                endIndex: fc.integer({ min: -2, max: 40 }),
                text: fc.anything(),
                partIndex: fc.anything(),
              },
              { requiredKeys: [] },
            ),
            groundingChunkIndices: fc.array(fc.oneof(fc.nat(4), fc.anything()), { maxLength: 3 }),
          }),
          fc.anything(),
        ),
        { maxLength: 3 },
      ),
      searchEntryPoint: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const citation = fc.oneof(
  fc.record({
    type: fc.constant('web_search_result_location'),
    url: fc.oneof(fc.string(), fc.anything()),
    title: fc.anything(),
    cited_text: fc.anything(),
    encrypted_index: fc.anything(),
  }),
  fc.anything(),
);
const block = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), fc.anything()) }),
  fc.record({
    type: fc.constant('text'),
    text: fc.string(),
    citations: fc.oneof(fc.array(citation, { maxLength: 3 }), fc.anything()),
  }),
  fc.record({
    type: fc.constant('server_tool_use'),
    id: fc.string(),
    name: fc.constantFrom('web_search', 'web_fetch'),
    input: fc.anything(),
  }),
  fc.record({
    type: fc.constant('web_search_tool_result'),
    tool_use_id: fc.string(),
    content: fc.oneof(
      fc.array(
        fc.record({
          type: fc.constant('web_search_result'),
          url: fc.anything(),
          title: fc.anything(),
          encrypted_content: fc.anything(),
          page_age: fc.anything(),
        }),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
  }),
  fc.record({ type: fc.constant('tool_use'), id: fc.string(), name: fc.string(), input: fc.anything() }),
  fc.record({
    type: fc.constant('tool_result'),
    tool_use_id: fc.string(),
    content: fc.anything(),
    is_error: fc.boolean(),
  }),
  fc.record({ type: fc.constant('thinking'), thinking: fc.string(), signature: fc.string() }),
  fc.record({ type: fc.constant('image'), source: fc.anything() }),
  fc.anything(),
);
const anthropicBody = fc.oneof(
  fc.record(
    {
      model: fc.string(),
      max_tokens: fc.anything(),
      messages: fc.array(
        fc.record({
          role: fc.constantFrom('user', 'assistant', 'system', 'bot'),
          content: fc.oneof(fc.string(), fc.array(block, { maxLength: 4 })),
        }),
        { maxLength: 4 },
      ),
      tools: fc.anything(),
      tool_choice: fc.anything(),
      thinking: fc.anything(),
    },
    { requiredKeys: ['model', 'messages'] },
  ),
  fc.anything(),
);

describe('gemini pair properties', () => {
  test.prop([anthropicBody])('anthropic request -> gemini: only typed errors, input untouched', (body) => {
    onlyTypedErrors(() => anthropicRequestToGemini(deepFreeze(body)));
  });
  test.prop([geminiBody])('gemini request -> anthropic: only typed errors', (body) => {
    onlyTypedErrors(() => geminiRequestToAnthropic(deepFreeze(body), { model: 'm' }));
  });
  test.prop([
    fc.record({
      candidates: fc.array(
        fc.record(
          { content: geminiContent, finishReason: fc.anything(), groundingMetadata },
          { requiredKeys: ['content'] },
        ),
        { maxLength: 2 },
      ),
      usageMetadata: fc.anything(),
    }),
    fc.boolean(),
  ])('gemini response -> anthropic, and as stream chunks: only typed errors', (body, grounded) => {
    onlyTypedErrors(() => geminiResponseToAnthropic(deepFreeze(body)));
    onlyTypedErrors(() => {
      const t = createGeminiToAnthropicStream({ context: { geminiGrounding: grounded } });
      t.push(deepFreeze(body));
      t.end();
    });
  });
  test.prop([
    fc.record({ content: fc.oneof(fc.array(block), fc.anything()), stop_reason: fc.anything(), usage: fc.anything() }),
  ])('anthropic response -> gemini: only typed errors', (body) => {
    onlyTypedErrors(() => anthropicResponseToGemini(deepFreeze(body)));
  });
  test.prop([fc.array(fc.anything(), { maxLength: 6 })])(
    'anthropic events -> gemini chunks: only typed errors',
    (events) => {
      onlyTypedErrors(() => {
        const t = createAnthropicToGeminiStream();
        for (const e of events) t.push(deepFreeze(e));
        t.end();
      });
    },
  );

  const wire = new TextEncoder().encode(
    'data: {"candidates":[{"content":{"parts":[{"text":"h\u00e9llo \ud83d\ude00"}]}}],"usageMetadata":{"promptTokenCount":3}}\r\n\r\n' +
      'data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":"\u00fc"}}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4}}\r\n\r\n',
  );
  const whole = () =>
    readText(translateStream('gemini', 'anthropic-messages', streamOfChunks([wire]), { id: 'msg_p' }));
  test.prop([fc.uniqueArray(fc.integer({ min: 1, max: wire.length - 1 }), { maxLength: 8 })])(
    'any split of the Gemini bytes (also inside UTF-8 characters) gives the same Anthropic bytes',
    async (cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let at = 0;
      for (const c of sorted) {
        chunks.push(wire.slice(at, c));
        at = c;
      }
      chunks.push(wire.slice(at));
      const out = await readText(
        translateStream('gemini', 'anthropic-messages', streamOfChunks(chunks), { id: 'msg_p' }),
      );
      expect(out).toBe(await whole());
      expect(out).toContain('message_stop');
    },
  );
});
