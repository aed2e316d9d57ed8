import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../../src/core/formats.js';
import { translateRequest, translateResponse } from '../../../src/translate/translate.js';
import { translateStream } from '../../../src/translate/translate-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText } from '../../../test/support/stream-test-utils.js';
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
});
