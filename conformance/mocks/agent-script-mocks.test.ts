import { describe, expect, it } from 'vitest';
import { agentPrompt, agentThinking } from '../scripted-model/agent-script.js';
import {
  anthropicAgentView,
  converseAgentView,
  geminiAgentView,
  openaiAgentView,
  responsesAgentView,
} from './agent-views.js';
import { createAnthropicMock } from './anthropic/create-anthropic-mock.js';
import { createGeminiMock } from './gemini/create-gemini-mock.js';
import { readStreamEvents } from './read-stream-events.js';

const task = { nonce: 'feed01', filePath: '/tmp/w/crosswire-feed01.txt', content: 'agent file text' };
const args = { file_path: task.filePath, content: task.content };
const schema = {
  type: 'object',
  properties: { file_path: { type: 'string' }, content: { type: 'string' } },
  required: ['file_path', 'content'],
};
const { text: thinkingText, signature } = agentThinking(task);

function anthropicPost(body: unknown): Request {
  return new Request('http://127.0.0.1/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
}

const anthropicTurn1 = {
  model: 'claude-test',
  max_tokens: 2000,
  stream: true,
  thinking: { type: 'enabled', budget_tokens: 1024 },
  tools: [{ name: 'Write', description: 'Write a file', input_schema: schema }],
  messages: [{ role: 'user', content: agentPrompt(task) }],
};

function anthropicTurn2(replayedSignature: string): unknown {
  return {
    ...anthropicTurn1,
    messages: [
      ...anthropicTurn1.messages,
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: thinkingText, signature: replayedSignature },
          { type: 'tool_use', id: 'toolu_agentfeed01', name: 'Write', input: args },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_agentfeed01', content: 'File written.' }],
      },
    ],
  };
}

describe('the provider mocks play the scripted agent model', () => {
  it('Anthropic: turn 1 streams signed thinking and a Write call whose arguments arrive in several deltas', async () => {
    const response = await createAnthropicMock()(anthropicPost(anthropicTurn1));
    expect(response.status).toBe(200);
    const events = (await readStreamEvents(response, 'anthropic-messages')) as Record<string, unknown>[];
    const deltas = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => e.delta as Record<string, unknown>);
    expect(deltas.filter((d) => d.type === 'signature_delta')).toEqual([{ type: 'signature_delta', signature }]);
    const json = deltas.filter((d) => d.type === 'input_json_delta').map((d) => d.partial_json);
    expect(json.length).toBeGreaterThan(2);
    expect(JSON.parse(json.join(''))).toEqual(args);
    const start = events.find(
      (e) => e.type === 'content_block_start' && (e.content_block as { type: string }).type === 'tool_use',
    );
    expect(start?.content_block).toMatchObject({ id: 'toolu_agentfeed01', name: 'Write' });
  });

  it('Anthropic: turn 2 quotes the tool result; a signature changed by one byte is a 400', async () => {
    const mock = createAnthropicMock();
    const ok = await mock(anthropicPost({ ...(anthropicTurn2(signature) as object), stream: false }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { content: Array<{ type: string; text?: string }> };
    expect(body.content).toEqual([
      { type: 'text', text: 'Done (feed01). <<tool-result>>File written.<</tool-result>>' },
    ]);
    const tampered = await mock(anthropicPost(anthropicTurn2(`${signature.slice(0, -2)}x=`)));
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(await tampered.json())).toContain('is not replayed byte for byte');
  });

  it('Gemini: the thought signature rides on the functionCall, and must come back on it', async () => {
    const mock = createGeminiMock();
    const post = (body: unknown) =>
      new Request('http://127.0.0.1/v1beta/models/gemini-2.5-pro:generateContent', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
        body: JSON.stringify(body),
      });
    const tools = [{ functionDeclarations: [{ name: 'write_file', parametersJsonSchema: schema }] }];
    const user = { role: 'user', parts: [{ text: agentPrompt(task) }] };
    const turn1 = await mock(post({ contents: [user], tools }));
    const parts = ((await turn1.json()) as { candidates: Array<{ content: { parts: unknown[] } }> }).candidates[0]!
      .content.parts;
    expect(parts).toEqual([{ functionCall: { name: 'write_file', args }, thoughtSignature: signature }]);
    const replay = (sig: string | undefined) => ({
      tools,
      contents: [
        user,
        {
          role: 'model',
          parts: [{ functionCall: { name: 'write_file', args }, ...(sig ? { thoughtSignature: sig } : {}) }],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'write_file', response: { output: 'written' } } }] },
      ],
    });
    expect((await mock(post(replay(signature)))).status).toBe(200);
    expect((await mock(post(replay(undefined)))).status).toBe(400);
  });

  it('each format reads calls, results and signatures from its own fields', () => {
    const chat = openaiAgentView({
      messages: [
        { role: 'user', content: agentPrompt(task) },
        {
          role: 'assistant',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'done' }] },
      ],
      tools: [{ type: 'function', function: { name: 'w', parameters: schema } }],
    });
    expect(chat).toMatchObject({
      calls: [{ id: 'call_1', name: 'w', input: { a: 1 } }],
      results: [{ id: 'call_1', text: 'done' }],
      signed: false,
    });
    const responses = responsesAgentView(
      {
        include: ['reasoning.encrypted_content'],
        input: [
          { role: 'user', content: agentPrompt(task) },
          { type: 'reasoning', summary: [], content: null, encrypted_content: 'ENC' },
          { type: 'function_call', call_id: 'call_2', name: 'w', arguments: '{}' },
          { type: 'function_call_output', call_id: 'call_2', output: 'out' },
        ],
      },
      true,
    );
    expect(responses).toMatchObject({
      thinking: [{ signature: 'ENC' }],
      calls: [{ id: 'call_2' }],
      results: [{ id: 'call_2', text: 'out' }],
      signed: true,
    });
    const converse = converseAgentView({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      messages: [
        { role: 'user', content: [{ text: agentPrompt(task) }] },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'hm', signature: 'SIG' } } },
            { toolUse: { toolUseId: 'tooluse_3', name: 'w', input: {} } },
          ],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_3', content: [{ json: { ok: true } }] } }] },
      ],
    });
    expect(converse).toMatchObject({
      thinking: [{ text: 'hm', signature: 'SIG' }],
      results: [{ id: 'tooluse_3', text: '{"ok":true}' }],
      signed: true,
    });
    const gemini = geminiAgentView({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'w', args: {} }, thoughtSignature: 'TS' }] },
        { role: 'user', parts: [{ functionResponse: { name: 'w', response: { result: 1 } } }] },
      ],
    });
    expect(gemini).toMatchObject({ thinking: [{ signature: 'TS' }], results: [{ name: 'w', text: '{"result":1}' }] });
    expect(anthropicAgentView({ messages: [], thinking: { type: 'adaptive' } }).signed).toBe(true);
  });
});
