import { describe, expect, it } from 'vitest';
import { zMessageCreateParams } from '../../generated/anthropic-messages/zod.gen.js';
import { createAnthropicMock } from './anthropic/create-anthropic-mock.js';
import { createBedrockConverseMock } from './bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from './bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from './gemini/create-gemini-mock.js';
import type { MockProvider } from './mock-types.js';
import { createOpenAIMock } from './openai/create-openai-mock.js';
import { createResponsesMock } from './openai-responses/create-responses-mock.js';
import { unknownFieldViolations } from './strict-fields.js';
import { unknownFields } from './unknown-fields.js';
import { createVertexAnthropicMock } from './vertex/create-vertex-anthropic-mock.js';

/** One request to a mock; its status and parsed JSON answer. */
async function send(
  mock: MockProvider,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await mock(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const claude = {
  max_tokens: 50,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }],
};
const anthropicHeaders = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

describe('strict mocks: a leaked field is a 400 in the provider words, naming its path', () => {
  it('Anthropic: top level and inside a content block, `<path>: Extra inputs are not permitted`', async () => {
    const mock = createAnthropicMock();
    const url = 'http://127.0.0.1/v1/messages';
    const ok = await send(mock, url, { ...claude, model: 'claude-x' }, anthropicHeaders);
    expect(ok.status).toBe(200);
    const top = await send(mock, url, { ...claude, model: 'claude-x', frequency_penalty: 0.5 }, anthropicHeaders);
    expect(top).toEqual({
      status: 400,
      body: {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'frequency_penalty: Extra inputs are not permitted' },
        request_id: 'req_mock',
      },
    });
    const block = { type: 'text', text: 'hello there', reasoning_content: 'x' };
    const deep = await send(
      mock,
      url,
      { ...claude, model: 'claude-x', messages: [{ role: 'user', content: [block] }] },
      anthropicHeaders,
    );
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({
      message: 'messages.0.content.0.text.reasoning_content: Extra inputs are not permitted',
    });
    // count_tokens too
    const count = await send(
      mock,
      'http://127.0.0.1/v1/messages/count_tokens',
      { model: 'claude-x', messages: claude.messages, max_tokens: 5 },
      anthropicHeaders,
    );
    expect(count.body.error).toMatchObject({ message: 'max_tokens: Extra inputs are not permitted' });
  });

  it('Anthropic: a tool input_schema is a JSON Schema, open to any keyword', async () => {
    const input_schema = { type: 'object', properties: {}, additionalProperties: false, $schema: 'x' };
    const body = { ...claude, model: 'claude-x', tools: [{ name: 'f', input_schema }] };
    expect(unknownFieldViolations('anthropic-messages', body)).toEqual([]);
    const leaked = { ...body, tools: [{ name: 'f', input_schema, strict_mode: true }] };
    expect(unknownFieldViolations('anthropic-messages', leaked).map((v) => v.message)).toEqual([
      'tools.0.strict_mode: Extra inputs are not permitted',
    ]);
  });

  it('Vertex (Claude): the Anthropic wording', async () => {
    const mock = createVertexAnthropicMock();
    const url = 'http://127.0.0.1/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-x:rawPredict';
    const body = { ...claude, anthropic_version: 'vertex-2023-10-16' };
    expect((await send(mock, url, body, { authorization: 'Bearer t' })).status).toBe(200);
    const res = await send(mock, url, { ...body, top_k: 5, top_kk: 1 }, { authorization: 'Bearer t' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      message: 'top_kk: Extra inputs are not permitted',
    });
  });

  it('Bedrock InvokeModel: `Malformed input request: #/<pointer>: extraneous key [<key>] is not permitted…`', async () => {
    const mock = createBedrockInvokeMock();
    const url = 'http://127.0.0.1/model/anthropic.claude-x/invoke';
    const headers = { authorization: 'Bearer bedrock-api-key' };
    const body = { ...claude, anthropic_version: 'bedrock-2023-05-31' };
    expect((await send(mock, url, body, headers)).status).toBe(200);
    const tool = { name: 'f', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl_x: 1 } };
    const res = await send(mock, url, { ...body, tools: [tool] }, headers);
    expect(res).toEqual({
      status: 400,
      body: {
        message:
          'Malformed input request: #/tools/0/cache_control: extraneous key [ttl_x] is not permitted, please reformat your input and try again.',
      },
    });
  });

  it('Bedrock Converse: the same Bedrock wording, at any depth', async () => {
    const mock = createBedrockConverseMock();
    const url = 'http://127.0.0.1/model/m/converse';
    const headers = { authorization: 'Bearer bedrock-api-key' };
    const body = { messages: [{ role: 'user', content: [{ text: 'hello' }] }] };
    expect((await send(mock, url, body, headers)).status).toBe(200);
    const res = await send(mock, url, { ...body, inferenceConfig: { maxTokens: 5, top_k: 3 } }, headers);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'Malformed input request: #/inferenceConfig: extraneous key [top_k] is not permitted, please reformat your input and try again.',
    );
  });

  it('OpenAI Chat: an unknown top-level argument, `Unrecognized request argument supplied: <key>`, param null', async () => {
    const mock = createOpenAIMock();
    const url = 'http://127.0.0.1/v1/chat/completions';
    const headers = { authorization: 'Bearer k' };
    const body = { model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }] };
    expect((await send(mock, url, body, headers)).status).toBe(200);
    expect(await send(mock, url, { ...body, top_k: 5 }, headers)).toEqual({
      status: 400,
      body: {
        error: {
          message: 'Unrecognized request argument supplied: top_k',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    const two = await send(mock, url, { ...body, thinking: { type: 'enabled' }, top_k: 5 }, headers);
    expect(two.body.error).toMatchObject({ message: 'Unrecognized request arguments supplied: thinking, top_k' });
    // below the top level the Chat API ignores unknown keys (docs/conformance-mocks.md#unknown-fields)
    const nested = { ...body, messages: [{ role: 'user', content: 'hello', name_x: 'n' }] };
    expect((await send(mock, url, nested, headers)).status).toBe(200);
  });

  it('OpenAI Responses: every depth, `Unknown parameter: <path>.`, code unknown_parameter', async () => {
    const mock = createResponsesMock();
    const url = 'http://127.0.0.1/v1/responses';
    const headers = { authorization: 'Bearer k' };
    const input = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] }];
    expect((await send(mock, url, { model: 'gpt-x', input }, headers)).status).toBe(200);
    const leaked = [{ ...input[0], status_x: 'completed' }];
    expect(await send(mock, url, { model: 'gpt-x', input: leaked }, headers)).toEqual({
      status: 400,
      body: {
        error: {
          message: "Unknown parameter: 'input[0].status_x'.",
          type: 'invalid_request_error',
          param: 'input[0].status_x',
          code: 'unknown_parameter',
        },
      },
    });
    const top = await send(mock, url, { model: 'gpt-x', input, top_k: 3 }, headers);
    expect(top.body.error).toMatchObject({ message: "Unknown parameter: 'top_k'.", param: 'top_k' });
  });

  it('Gemini: `Unknown name "<key>" at \'<snake_case path>\'`, INVALID_ARGUMENT with field violations; both spellings accepted', async () => {
    const mock = createGeminiMock();
    const url = 'http://127.0.0.1/v1beta/models/gemini-x:generateContent';
    const headers = { 'x-goog-api-key': 'k' };
    const contents = [{ role: 'user', parts: [{ text: 'hello' }] }];
    const camel = { contents, systemInstruction: { parts: [{ text: 's' }] }, generationConfig: { maxOutputTokens: 5 } };
    const snake = {
      contents,
      system_instruction: { parts: [{ text: 's' }] },
      generation_config: { max_output_tokens: 5 },
    };
    expect((await send(mock, url, camel, headers)).status).toBe(200);
    expect((await send(mock, url, snake, headers)).status).toBe(200);
    const leaked = { ...camel, generationConfig: { maxOutputTokens: 5, frequency_penaltyx: 1 } };
    const description = `Invalid JSON payload received. Unknown name "frequency_penaltyx" at 'generation_config': Cannot find field.`;
    expect(await send(mock, url, leaked, headers)).toEqual({
      status: 400,
      body: {
        error: {
          code: 400,
          message: description,
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.BadRequest',
              fieldViolations: [{ field: 'generation_config', description }],
            },
          ],
        },
      },
    });
    const top = await send(mock, url, { ...camel, safety: [] }, headers);
    expect((top.body.error as { message: string }).message).toBe(
      'Invalid JSON payload received. Unknown name "safety": Cannot find field.',
    );
  });

  it('Gemini: a schema map entry is named by its position, as Google names it', () => {
    const parameters = { type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'STRING', const: 'x' } } };
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'hello' }] }],
      tools: [{ functionDeclarations: [{ name: 'f', parameters }] }],
    };
    expect(unknownFieldViolations('gemini', body).map((v) => v.message)).toEqual([
      `Invalid JSON payload received. Unknown name "const" at 'tools[0].function_declarations[0].parameters.properties[1].value': Cannot find field.`,
    ]);
  });
});

describe('unknownFields: the walk over a generated schema', () => {
  it('takes the union member that accepts the value, and names it by its tag', () => {
    const body = {
      model: 'm',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==', url: 'x' } },
          ],
        },
      ],
    };
    expect(unknownFields(zMessageCreateParams, body)).toEqual([
      {
        at: [
          { key: 'messages' },
          { index: 0 },
          { key: 'content' },
          { index: 1 },
          { tag: 'image' },
          { key: 'source' },
          { tag: 'base64' },
        ],
        key: 'url',
      },
    ]);
  });

  it('finds nothing in a body the spec defines, and skips schemas marked open', () => {
    const body = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], metadata: { user_id: 'u' } };
    expect(unknownFields(zMessageCreateParams, body)).toEqual([]);
    expect(unknownFields(zMessageCreateParams, { ...body, extra: 1 }, new Set([zMessageCreateParams]))).toEqual([]);
  });
});
