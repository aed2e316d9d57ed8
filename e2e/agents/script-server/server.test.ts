/**
 * The script server read by each format's official SDK (an independent decoder of what it streams), through
 * both turns of the script, and its checks on what a client replays.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentFormat, finalText, promptFor, type ScriptPlan } from './plan.js';
import { type ScriptServer, startScriptServer } from './server.js';

const plan: ScriptPlan = {
  nonce: 'abc123',
  filePath: '/tmp/agent-cwd/crosswire-abc123.txt',
  content: 'hello from the script',
  thinking: 'I will write the file, then quote the tool.',
  signature: Buffer.from('signature \u00e9\u2713 abc123').toString('base64'),
  callId: 'call_abc123',
};

let server: ScriptServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(format: AgentFormat, p: ScriptPlan = plan): Promise<ScriptServer> {
  server = await startScriptServer({ format, plan: p, eventGapMs: 0 });
  return server;
}

const WRITE_TOOL: Anthropic.Tool = {
  name: 'Write',
  description: 'Write a file',
  input_schema: {
    type: 'object',
    properties: { file_path: { type: 'string' }, content: { type: 'string' } },
    required: ['file_path', 'content'],
  },
};

describe('Anthropic Messages', () => {
  const anthropicPlan = { ...plan, callId: 'toolu_abc123' };

  async function turn1(client: Anthropic) {
    const user: Anthropic.MessageParam = { role: 'user', content: promptFor(anthropicPlan) };
    const stream = client.messages.stream({
      model: 'm',
      max_tokens: 1000,
      tools: [WRITE_TOOL],
      thinking: { type: 'enabled', budget_tokens: 500 },
      messages: [user],
    });
    return { user, message: await stream.finalMessage() };
  }

  it('streams thinking with its signature and a tool call, then quotes the tool result', async () => {
    const s = await start('anthropic-messages', anthropicPlan);
    const client = new Anthropic({ apiKey: 'k', baseURL: s.target.origin, maxRetries: 0 });
    const { user, message } = await turn1(client);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'thinking', thinking: anthropicPlan.thinking, signature: anthropicPlan.signature },
      {
        type: 'tool_use',
        id: 'toolu_abc123',
        name: 'Write',
        input: { file_path: plan.filePath, content: plan.content },
        ...(message.content[1].type === 'tool_use' && 'caller' in message.content[1]
          ? { caller: message.content[1].caller }
          : {}),
      },
    ]);
    const events = s.exchanges[0].reply.body.split('\n').filter((l) => l.includes('input_json_delta'));
    expect(events.length).toBeGreaterThan(1);

    const final = await client.messages.create({
      model: 'm',
      max_tokens: 1000,
      tools: [WRITE_TOOL],
      messages: [
        user,
        { role: 'assistant', content: message.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_abc123', content: 'File created at X' }] },
      ],
    });
    expect(final.content).toEqual([{ type: 'text', text: finalText(anthropicPlan, 'File created at X') }]);
    expect(s.state.toolResult).toBe('File created at X');
    expect(s.state.checks.filter((c) => !c.ok)).toEqual([]);
    expect(s.exchanges.map((e) => e.kind).sort()).toEqual(['turn-1', 'turn-2']);
  });

  it('fails the signature check when the client changes the signature it replays', async () => {
    const s = await start('anthropic-messages', anthropicPlan);
    const client = new Anthropic({ apiKey: 'k', baseURL: s.target.origin, maxRetries: 0 });
    const { user, message } = await turn1(client);
    const altered = message.content.map((b) => (b.type === 'thinking' ? { ...b, signature: `${b.signature}x` } : b));
    await client.messages.create({
      model: 'm',
      max_tokens: 1000,
      messages: [
        user,
        { role: 'assistant', content: altered },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_abc123', content: 'ok' }] },
      ],
      tools: [WRITE_TOOL],
    });
    const failed = s.state.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toEqual(['anthropic.thinking signature']);
  });

  it('answers side requests (no tools, count_tokens) without starting the script', async () => {
    const s = await start('anthropic-messages', anthropicPlan);
    const client = new Anthropic({ apiKey: 'k', baseURL: s.target.origin, maxRetries: 0 });
    const title = await client.messages.create({
      model: 'haiku',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Title?' }],
    });
    expect(title.content).toEqual([{ type: 'text', text: 'OK' }]);
    const count = await client.messages.countTokens({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(count.input_tokens).toBeGreaterThan(0);
    expect(s.state.turn1).toBeUndefined();
    expect(s.exchanges.map((e) => e.kind).sort()).toEqual(['side:count_tokens', 'side:messages']);
  });
});

describe('OpenAI Responses', () => {
  const shellTool: OpenAI.Responses.FunctionTool = {
    type: 'function',
    name: 'exec_command',
    strict: false,
    parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
  };

  it('streams reasoning with encrypted content and a function call, then quotes the output', async () => {
    const s = await start('openai-responses');
    const client = new OpenAI({ apiKey: 'k', baseURL: `${s.target.origin}/v1`, maxRetries: 0 });
    const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: promptFor(plan) }];
    const stream = client.responses.stream({ model: 'm', input, tools: [shellTool], store: false });
    const argDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (e) => argDeltas.push(e.delta));
    const response = await stream.finalResponse();
    expect(argDeltas.length).toBeGreaterThan(1);
    const [reasoning, call] = response.output;
    expect(reasoning.type === 'reasoning' && reasoning.encrypted_content).toBe(plan.signature);
    expect(call.type === 'function_call' && call.call_id).toBe('call_abc123');
    expect(call.type === 'function_call' && JSON.parse(call.arguments)).toEqual({
      cmd: `printf '%s' 'hello from the script' > '/tmp/agent-cwd/crosswire-abc123.txt' && cat '/tmp/agent-cwd/crosswire-abc123.txt'`,
    });

    const second = await client.responses.create({
      model: 'm',
      tools: [shellTool],
      store: false,
      input: [
        ...input,
        ...(response.output as OpenAI.Responses.ResponseInputItem[]),
        { type: 'function_call_output', call_id: 'call_abc123', output: 'hello from the script' },
      ],
    });
    expect(second.output_text).toBe(finalText(plan, 'hello from the script'));
    expect(s.state.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('in code mode calls the freeform exec tool with JavaScript that runs exec_command', async () => {
    const s = await start('openai-responses');
    const client = new OpenAI({ apiKey: 'k', baseURL: `${s.target.origin}/v1`, maxRetries: 0 });
    const additional = {
      type: 'additional_tools',
      role: 'developer',
      tools: [
        {
          type: 'namespace',
          name: 'functions',
          description: '',
          tools: [
            { type: 'custom', name: 'exec', description: 'Run JavaScript; nested: `await tools.exec_command(...)`' },
          ],
        },
      ],
    };
    const input = [additional, { role: 'user', content: promptFor(plan) }] as unknown as OpenAI.Responses.ResponseInput;
    const response = await client.responses.stream({ model: 'm', input, store: false }).finalResponse();
    const call = response.output.find((o) => o.type === 'custom_tool_call');
    expect(call?.type === 'custom_tool_call' && call.name).toBe('exec');
    expect(call?.type === 'custom_tool_call' && call.input).toContain('await tools.exec_command({ cmd: ');
    expect(s.state.turn1?.tool.kind).toBe('code-mode');
  });
});

describe('Gemini', () => {
  const writeFile = {
    name: 'write_file',
    parametersJsonSchema: {
      type: 'object',
      properties: { file_path: { type: 'string' }, content: { type: 'string' } },
      required: ['file_path', 'content'],
    },
  };

  it('streams thoughts and a function call with its thought signature, then quotes the function response', async () => {
    const s = await start('gemini');
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: s.target.origin, apiVersion: 'v1beta' } });
    const config = { tools: [{ functionDeclarations: [writeFile] }], thinkingConfig: { includeThoughts: true } };
    const user = { role: 'user', parts: [{ text: promptFor(plan) }] };
    const parts: Record<string, unknown>[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'g', contents: [user], config })) {
      parts.push(...((chunk.candidates?.[0]?.content?.parts ?? []) as Record<string, unknown>[]));
    }
    const thoughts = parts.filter((p) => p.thought === true);
    expect(thoughts.map((p) => p.text).join('')).toBe(plan.thinking);
    const call = parts.find((p) => p.functionCall !== undefined);
    expect(call).toEqual({
      functionCall: { name: 'write_file', args: { file_path: plan.filePath, content: plan.content } },
      thoughtSignature: plan.signature,
    });

    const response = await ai.models.generateContent({
      model: 'g',
      config,
      contents: [
        user,
        { role: 'model', parts: [call as object] },
        { role: 'user', parts: [{ functionResponse: { name: 'write_file', response: { output: 'Wrote it.' } } }] },
      ],
    });
    expect(response.text).toBe(finalText(plan, 'Wrote it.'));
    expect(s.state.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('answers a JSON side request with an object that has the schema’s required properties', async () => {
    const s = await start('gemini');
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: s.target.origin, apiVersion: 'v1beta' } });
    const response = await ai.models.generateContent({
      model: 'router',
      contents: 'route this',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'OBJECT',
          properties: { reasoning: { type: 'STRING' }, score: { type: 'INTEGER' } },
          required: ['reasoning', 'score'],
        },
      },
    });
    const parsed = JSON.parse(response.text ?? '');
    expect(typeof parsed.reasoning).toBe('string');
    expect(Number.isInteger(parsed.score)).toBe(true);
    expect(s.exchanges[0].kind).toBe('side:json');
  });
});
