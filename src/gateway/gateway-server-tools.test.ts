import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createGateway } from './create-gateway.js';
import { LOSSES_HEADER, STRICT_OPENAI_HEADER } from './exchange-context.js';

/**
 * A Chat Completions client (the official OpenAI SDK) runs a web-search conversation with Claude through the
 * gateway, against the strict Anthropic mock, whose scripted model searches when a web search tool is offered
 * (conformance/mocks/anthropic/web-search-model.ts) and which checks replayed server tool blocks as Anthropic does.
 */
function setup() {
  const anthropicMock = createAnthropicMock({ apiKey: 'ant-upstream' });
  const gateway = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'ant-upstream' },
    },
    fetch: (req) => anthropicMock(req),
    log: () => {},
  });
  const responses: Response[] = [];
  const gwFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await gateway.fetch(new Request(input, init));
    responses.push(res);
    return res;
  };
  const client = (headers: Record<string, string> = {}) =>
    new OpenAI({
      apiKey: 'client-key',
      baseURL: 'http://localhost/v1',
      fetch: gwFetch,
      maxRetries: 0,
      defaultHeaders: headers,
    });
  return { anthropicMock, client, responses };
}

/** crosswire's extensions are not in the SDK's types */
type Extended = { content_blocks?: Record<string, unknown>[] };
type Fold = { index: number; content_block?: Record<string, unknown>; delta?: Record<string, unknown> };

const model = '@anthropic/claude-sonnet-4-5';
/** the convention: the Chat tool type is the Anthropic tool name, its options under a key of that name */
const webSearch = { type: 'web_search', web_search: { name: 'web_search_20250305', max_uses: 2 } };
const params = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  ({ model, messages, tools: [webSearch], ...extra }) as unknown as ChatCompletionCreateParamsNonStreaming;

/** the stream's content_blocks entries folded by index, as docs/streaming.md says */
function fold(entries: Fold[]): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const json = new Map<number, string>();
  for (const e of entries) {
    if (e.content_block) blocks[e.index] = { ...e.content_block };
    const d = e.delta ?? {};
    if (blocks[e.index] === undefined) blocks[e.index] = { type: 'text', text: '' };
    const b = blocks[e.index] as Record<string, unknown>;
    if (typeof d.text === 'string') b.text = String(b.text ?? '') + d.text;
    if (typeof d.partial_json === 'string') json.set(e.index, (json.get(e.index) ?? '') + d.partial_json);
    if (d.citation !== undefined) b.citations = [...((b.citations as unknown[]) ?? []), d.citation];
  }
  for (const [i, text] of json) (blocks[i] as Record<string, unknown>).input = JSON.parse(text);
  return blocks.filter((b) => b !== undefined);
}

describe('OpenAI SDK -> gateway -> Anthropic mock: web search', () => {
  it('a multi-turn web-search conversation, replayed with its content_blocks', async () => {
    const { anthropicMock, client } = setup();
    const first = await client().chat.completions.create(params([{ role: 'user', content: 'What is new?' }]));
    const message = first.choices[0]!.message as (typeof first.choices)[0]['message'] & Extended;
    expect(message.content).toBe('echo: What is new?');
    // the search went upstream as Anthropic's web search tool, with its options
    const sent = anthropicMock.requests[0]!;
    expect(sent.status).toBe(200);
    expect((sent.body as { tools: unknown }).tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
    ]);
    // citations as annotations over the cited text, and whole in the extension with the server blocks
    const blocks = message.content_blocks ?? [];
    expect(blocks.map((b) => b.type)).toEqual(['server_tool_use', 'web_search_tool_result', 'text']);
    const result = blocks[1] as { content: { url: string; title: string }[] };
    expect(message.annotations).toEqual([
      {
        type: 'url_citation',
        url_citation: { start_index: 0, end_index: 18, url: result.content[0]!.url, title: result.content[0]!.title },
      },
    ]);
    expect((first.usage as unknown as { server_tool_use: unknown }).server_tool_use).toEqual({
      web_search_requests: 1,
    });

    // turn 2: the client hands the assistant message back as it got it
    const second = await client().chat.completions.create(
      params([{ role: 'user', content: 'What is new?' }, message, { role: 'user', content: 'And more?' }]),
    );
    expect(second.choices[0]!.message.content).toBe('echo: And more?');
    const replayed = anthropicMock.requests[1]!;
    // the strict mock accepted the replay: Claude got back the exact blocks, encrypted content and index included
    expect(replayed.status).toBe(200);
    expect((replayed.body as { messages: { content: unknown }[] }).messages[1]!.content).toEqual(blocks);
  });

  it('the stream carries the same blocks: folding its content_blocks gives the non-stream content_blocks', async () => {
    const { client } = setup();
    const whole = await client().chat.completions.create(params([{ role: 'user', content: 'Streamed search' }]));
    const stream = await client().chat.completions.create({
      ...params([{ role: 'user', content: 'Streamed search' }], { stream_options: { include_usage: true } }),
      stream: true,
    });
    const entries: Fold[] = [];
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (Record<string, unknown> & { content_blocks?: Fold[] }) | undefined;
      if (typeof delta?.content === 'string') text += delta.content;
      entries.push(...(delta?.content_blocks ?? []));
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('echo: Streamed search');
    expect(fold(entries)).toEqual((whole.choices[0]!.message as Extended).content_blocks);
    expect((usage as { server_tool_use: unknown }).server_tool_use).toEqual({ web_search_requests: 1 });
  });

  it(`${STRICT_OPENAI_HEADER}: 1 leaves every extension out and reports it`, async () => {
    const { client, responses } = setup();
    const res = await client({ [STRICT_OPENAI_HEADER]: '1' }).chat.completions.create(
      params([{ role: 'user', content: 'Strict?' }]),
    );
    const message = res.choices[0]!.message as unknown as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(['annotations', 'content', 'refusal', 'role']);
    expect(res.usage).not.toHaveProperty('server_tool_use');
    // the loss count: the default max_tokens (request), then the two server blocks, the citation's cited text and
    // encrypted index, and usage.server_tool_use (answer); without the header only the first
    expect(responses[0]!.headers.get(LOSSES_HEADER)).toBe('5');
    await client().chat.completions.create(params([{ role: 'user', content: 'Strict?' }]));
    expect(responses[1]!.headers.get(LOSSES_HEADER)).toBe('1');
  });
});
