import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../../src/core/formats.js';
import { translateRequest, translateResponse } from '../../../src/translate/translate.js';
import { translateStream } from '../../../src/translate/translate-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText } from '../../../test/support/stream-test-utils.js';
import { checkAnthropicStream } from '../../checkers/check-anthropic-stream.js';
import { checkConverseStream } from '../../checkers/check-converse-stream.js';
import { errorsOnly } from '../../checkers/violation.js';
import { streamOf } from '../../scenarios/byte-streams.js';
import { decodeClientStream } from '../../scenarios/client-stream-events.js';
import { createBedrockConverseMock } from './create-bedrock-converse-mock.js';

const BASE = 'https://bedrock-runtime.test';
const post = (path: string, body: unknown) =>
  new Request(BASE + path, {
    method: 'POST',
    headers: { authorization: 'Bearer bedrock-api-key' },
    body: JSON.stringify(body),
  });

describe('bedrock converse mock', () => {
  it('rejects what Converse rejects', async () => {
    const mock = createBedrockConverseMock();
    const twoUsers = await mock(
      post('/model/m/converse', {
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'user', content: [{ text: 'b' }] },
        ],
      }),
    );
    expect(twoUsers.status).toBe(400);
    expect(((await twoUsers.json()) as { message: string }).message).toMatch(/alternate/);
    const noToolConfig = await mock(
      post('/model/m/converse', {
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'r' }] } }] },
        ],
      }),
    );
    expect(noToolConfig.status).toBe(400);
    const blank = await mock(
      post('/model/m/converse', { messages: [{ role: 'user', content: [{ text: 'a' }, { text: '  ' }] }] }),
    );
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { message: string }).message).toBe(
      'The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the text field, and try again.',
    );
    const blankSystem = await mock(
      post('/model/m/converse', {
        system: [{ text: 'Rules.' }, { text: '\n' }],
        messages: [{ role: 'user', content: [{ text: 'a' }] }],
      }),
    );
    expect(blankSystem.status).toBe(400);
    expect(((await blankSystem.json()) as { message: string }).message).toMatch(
      /SystemContentBlock object at system\.1 is blank/,
    );
  });

  it('an Anthropic client through crosswire: JSON and stream', async () => {
    const mock = createBedrockConverseMock({ chunkSize: 4 });
    const anthropic = {
      model: 'anthropic.claude-x',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'hello you' },
        { role: 'user', content: 'again' },
      ],
    };
    const req = translateRequest<FormatId, FormatId>('anthropic-messages', 'bedrock-converse', anthropic);
    const res = await mock(post(String(req.context.upstreamPath), req.body));
    expect(res.status).toBe(200);
    const msg = translateResponse('bedrock-converse', 'anthropic-messages', await res.json(), {
      id: 'msg_1',
      context: req.context,
    }).body as { content: unknown };
    expect(msg.content).toEqual([{ type: 'text', text: 'echo: hello you\nagain' }]);

    const sreq = translateRequest<FormatId, FormatId>('anthropic-messages', 'bedrock-converse', {
      ...anthropic,
      stream: true,
    });
    const sres = await mock(post(String(sreq.context.upstreamPath), sreq.body));
    const sse = await readText(
      translateStream('bedrock-converse', 'anthropic-messages', sres.body!, { id: 'msg_2', context: sreq.context }),
    );
    const m = await anthropicSDKFinalMessage(sse);
    expect(m.content).toEqual([{ type: 'text', text: 'echo: hello you\nagain' }]);
    expect(m.usage).toMatchObject({ input_tokens: 3, output_tokens: 4 }); // words: 'hello you' + 'again'; 'echo: hello you again'
  });

  it('a forced tool with thinking streams reasoning, then a toolUse', async () => {
    const mock = createBedrockConverseMock();
    const req = translateRequest('anthropic-messages', 'bedrock-converse', {
      model: 'm',
      max_tokens: 2000,
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } }],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'go' }],
    });
    const res = await mock(post(String(req.context.upstreamPath), req.body));
    const m = await anthropicSDKFinalMessage(
      await readText(translateStream('bedrock-converse', 'anthropic-messages', res.body!, { context: req.context })),
    );
    expect((m.content as Array<{ type: string }>).map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(m.stop_reason).toBe('tool_use');
  });

  it('blockStops never: blocks end where the next starts or at messageStop; crosswire still gives a well-formed Anthropic stream', async () => {
    const request = translateRequest('anthropic-messages', 'bedrock-converse', {
      model: 'm',
      max_tokens: 2000,
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } }],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'go' }],
    });
    const answer = async (blockStops: 'always' | 'never') => {
      const mock = createBedrockConverseMock({ chunkSize: 3, blockStops });
      const res = await mock(post(String(request.context.upstreamPath), request.body));
      return new Uint8Array(await res.arrayBuffer());
    };
    const loose = await answer('never');
    const events = (await decodeClientStream('bedrock-converse', loose)).events;
    expect(events.some((e) => (e as Record<string, unknown>).contentBlockStop !== undefined)).toBe(false);
    const violations = checkConverseStream(events);
    expect(errorsOnly(violations)).toEqual([]);
    expect(violations.map((v) => v.rule)).toEqual(['warn:block-not-stopped', 'warn:block-open']);

    const translate = async (bytes: Uint8Array) =>
      readText(
        translateStream('bedrock-converse', 'anthropic-messages', streamOf([bytes]), {
          id: 'msg_l',
          context: request.context,
        }),
      );
    const sse = await translate(loose);
    const { events: anthropic } = await decodeClientStream('anthropic-messages', new TextEncoder().encode(sse));
    expect(checkAnthropicStream(anthropic)).toEqual([]);
    // the same message as from the documented framing
    expect(await anthropicSDKFinalMessage(sse)).toEqual(
      await anthropicSDKFinalMessage(await translate(await answer('always'))),
    );
  });
});
