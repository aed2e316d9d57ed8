/**
 * The generated validators of `spec/openai-responses.yaml` through `validateRequest/validateResponse/validateStreamEvent`.
 * Bodies are written by hand in the shapes the OpenAI Responses reference documents (and, where the API accepts more,
 * in the shapes real clients send: Codex CLI history without ids, input_image without detail).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { zInputTokensRequest, zInputTokensResponse } from '../../generated/openai-responses/zod.gen.js';
import { validateRequest, validateResponse, validateStreamEvent } from './validate.js';

const R = 'openai-responses' as const;

const okRequest = (body: unknown) => expect(validateRequest(R, body)).toEqual({ ok: true, errors: [], value: body });
const okResponse = (body: unknown) => expect(validateResponse(R, body)).toEqual({ ok: true, errors: [], value: body });
const okEvent = (event: unknown) =>
  expect(validateStreamEvent(R, event)).toEqual({ ok: true, errors: [], value: event });

// ------------------------------------------------------------------ requests
const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f', null] } },
  required: ['city', 'unit'],
  additionalProperties: false,
};

/** A multi-turn agent request: the history a client without storage (`store: false`) hands back. */
const agentRequest = {
  model: 'gpt-5',
  instructions: 'You are a coding agent. Use the tools.',
  input: [
    { role: 'developer', content: 'Sandbox: read-only.' },
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is on this screenshot, and in the attached spec?' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'input_image', image_url: 'https://example.test/cat.jpg', detail: 'high' },
        { type: 'input_image', file_id: 'file-img1', detail: 'auto' },
        { type: 'input_file', file_id: 'file-spec1' },
        { type: 'input_file', filename: 'notes.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
        { type: 'input_file', file_url: 'https://example.test/a.pdf' },
      ],
    },
    {
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Need the weather first.' }],
      encrypted_content: 'gAAAAB…',
    },
    { role: 'assistant', content: [{ type: 'output_text', text: 'Let me check the weather.' }] },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
    { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
    {
      type: 'function_call_output',
      call_id: 'call_2',
      output: [
        { type: 'input_text', text: 'chart attached' },
        { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: null },
      ],
    },
    { type: 'custom_tool_call', call_id: 'call_3', name: 'apply_sql', input: 'SELECT 1' },
    { type: 'custom_tool_call_output', call_id: 'call_3', output: '1 row' },
    { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'paris weather' } },
    {
      type: 'local_shell_call',
      call_id: 'call_4',
      status: 'completed',
      action: { type: 'exec', command: ['ls'], env: {} },
    },
    { type: 'local_shell_call_output', id: 'call_4', output: 'README.md' },
    { type: 'shell_call', call_id: 'call_5', action: { commands: ['pwd'] } },
    {
      type: 'shell_call_output',
      call_id: 'call_5',
      output: [{ stdout: '/repo\n', stderr: '', outcome: { type: 'exit', exit_code: 0 } }],
    },
    {
      type: 'apply_patch_call',
      call_id: 'call_6',
      status: 'completed',
      operation: { type: 'update_file', path: 'a.ts', diff: '@@ -1 +1 @@' },
    },
    { type: 'apply_patch_call_output', call_id: 'call_6', status: 'completed', output: 'applied' },
    { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true },
    { type: 'compaction', encrypted_content: 'gAAAAC…' },
    { type: 'item_reference', id: 'msg_0' },
    { id: 'msg_1' },
    { role: 'assistant', content: 'Plain string history works too.', phase: 'final_answer' },
    { role: 'user', content: 'Go on.' },
  ],
  tools: [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Current weather.',
      parameters: weatherParameters,
      strict: true,
    },
    { type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } },
    {
      type: 'custom',
      name: 'apply_sql',
      description: 'Runs SQL.',
      format: { type: 'grammar', syntax: 'lark', definition: 'start: "SELECT" /.+/' },
    },
    { type: 'custom', name: 'free_text' },
    {
      type: 'web_search',
      user_location: { type: 'approximate', country: 'FR', city: 'Paris' },
      search_context_size: 'medium',
    },
    { type: 'web_search_preview_2025_03_11' },
    {
      type: 'file_search',
      vector_store_ids: ['vs_1'],
      max_num_results: 5,
      filters: {
        type: 'and',
        filters: [
          { type: 'eq', key: 'lang', value: 'fr' },
          { type: 'in', key: 'year', value: [2024, 2025] },
        ],
      },
    },
    { type: 'code_interpreter', container: { type: 'auto', memory_limit: '4g', network_policy: { type: 'disabled' } } },
    { type: 'code_interpreter', container: 'cntr_1' },
    {
      type: 'mcp',
      server_label: 'docs',
      server_url: 'https://mcp.example.test',
      require_approval: 'never',
      allowed_tools: ['search'],
    },
    {
      type: 'mcp',
      server_label: 'drive',
      connector_id: 'connector_googledrive',
      authorization: 'token',
      require_approval: { never: { read_only: true } },
    },
    { type: 'shell', environment: { type: 'local' } },
    { type: 'local_shell' },
    { type: 'apply_patch' },
    { type: 'image_generation', quality: 'low', size: '1024x1024', partial_images: 2 },
    { type: 'computer_use_preview', environment: 'browser', display_width: 1024, display_height: 768 },
    {
      type: 'namespace',
      name: 'crm',
      description: 'CRM tools.',
      tools: [{ type: 'function', name: 'find_customer', parameters: null, defer_loading: true }],
    },
    { type: 'tool_search' },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  max_tool_calls: 8,
  text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true }, verbosity: 'low' },
  reasoning: { effort: 'high', summary: 'auto' },
  max_output_tokens: 4096,
  truncation: 'auto',
  store: false,
  include: ['reasoning.encrypted_content', 'message.output_text.logprobs'],
  metadata: { session: 's1' },
  service_tier: 'flex',
  prompt_cache_key: 'repo-1',
  safety_identifier: 'u-hash',
  user: 'legacy-user',
  temperature: 1,
  top_p: 1,
  top_logprobs: 2,
  stream: true,
  stream_options: { include_obfuscation: false },
};

describe('openai-responses requests', () => {
  it('accepts the smallest request and the plain-string input', () => {
    okRequest({ model: 'gpt-5', input: 'Tell me a joke.' });
    okRequest({
      prompt: {
        id: 'pmpt_1',
        version: '2',
        variables: { city: 'Paris', photo: { type: 'input_image', file_id: 'f' } },
      },
    });
  });

  it('accepts an agent request with every input item kind and every tool kind', () => {
    okRequest(agentRequest);
  });

  it('accepts a reasoning item handed back with "content": null (Codex CLI replays them so; found by e2e:agents)', () => {
    const codexReplay: unknown = JSON.parse(
      readFileSync(
        new URL(
          '../../fixtures/openai-responses--anthropic-messages/reasoning-replay-content-null/client-request.json',
          import.meta.url,
        ),
        'utf8',
      ),
    );
    okRequest(codexReplay);
  });

  it('accepts every tool_choice form', () => {
    const choices = [
      'none',
      'auto',
      'required',
      { type: 'function', name: 'get_weather' },
      { type: 'custom', name: 'apply_sql' },
      { type: 'mcp', server_label: 'docs' },
      { type: 'mcp', server_label: 'docs', name: 'search' },
      {
        type: 'allowed_tools',
        mode: 'auto',
        tools: [
          { type: 'function', name: 'get_weather' },
          { type: 'mcp', server_label: 'docs' },
        ],
      },
      { type: 'file_search' },
      { type: 'web_search_preview' },
      { type: 'computer_use_preview' },
      { type: 'image_generation' },
      { type: 'code_interpreter' },
      { type: 'apply_patch' },
      { type: 'shell' },
      { type: 'programmatic_tool_calling' },
    ];
    for (const tool_choice of choices) okRequest({ model: 'gpt-5', tool_choice });
  });

  it('accepts every text format, reasoning settings and the server-state fields', () => {
    for (const format of [{ type: 'text' }, { type: 'json_object' }, { type: 'json_schema', name: 'x', schema: {} }]) {
      okRequest({ model: 'gpt-5', text: { format } });
    }
    okRequest({ model: 'o4-mini', reasoning: { effort: 'minimal', summary: 'detailed' }, background: true });
    okRequest({
      model: 'gpt-5',
      previous_response_id: 'resp_1',
      input: [{ type: 'function_call_output', call_id: 'c', output: 'ok' }],
    });
    okRequest({ model: 'gpt-5', conversation: 'conv_1' });
    okRequest({
      model: 'gpt-5',
      conversation: { id: 'conv_1' },
      context_management: [{ type: 'compaction', compact_threshold: 200000 }],
    });
  });

  it('the input-tokens endpoint has its own schemas', () => {
    expect(
      zInputTokensRequest.safeParse({ model: 'gpt-5', input: 'Tell me a joke.', tools: null, truncation: 'auto' })
        .success,
    ).toBe(true);
    expect(zInputTokensResponse.safeParse({ object: 'response.input_tokens', input_tokens: 11 }).success).toBe(true);
    expect(zInputTokensResponse.safeParse({ object: 'response', input_tokens: 11 }).success).toBe(false);
  });

  it.each([
    [
      'an assistant message with input_text',
      { input: [{ role: 'assistant', content: [{ type: 'input_text', text: 'x' }] }] },
      'input[0].content[0].type',
      'unknown type "input_text"; expected one of: "output_text", "refusal"',
    ],
    [
      'a user message with output_text',
      { input: [{ role: 'user', content: [{ type: 'output_text', text: 'x' }] }] },
      'input[0].content[0].type',
      'unknown type "output_text"',
    ],
    [
      'an unknown role',
      { input: [{ role: 'tool', content: 'x' }] },
      'input[0].role',
      'unknown role "tool"; expected one of: "user", "system", "developer", "assistant"',
    ],
    [
      'a function call without arguments',
      { input: [{ type: 'function_call', call_id: 'c', name: 'f' }] },
      'input[0].arguments',
      'required property is missing',
    ],
    [
      'an unknown item type',
      { input: [{ type: 'video_call', id: 'v' }] },
      'input[0].type',
      'unknown type "video_call"',
    ],
    [
      'a call_id longer than 64',
      { input: [{ type: 'function_call_output', call_id: 'c'.repeat(65), output: 'x' }] },
      'input[0].call_id',
      'Too big',
    ],
    [
      'an image url that is not a string',
      { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 5 }] }] },
      'input[0].content[0].image_url',
      'expected string',
    ],
    ['an unknown tool', { tools: [{ type: 'browser' }] }, 'tools[0].type', 'unknown type "browser"'],
    [
      'a function tool without a name',
      { tools: [{ type: 'function', parameters: {} }] },
      'tools[0].name',
      'required property is missing',
    ],
    [
      'a grammar without syntax',
      { tools: [{ type: 'custom', name: 'g', format: { type: 'grammar', definition: 'x' } }] },
      'tools[0].format.syntax',
      'required property is missing',
    ],
    [
      'a tool choice naming no function',
      { tool_choice: { type: 'function' } },
      'tool_choice.name',
      'required property is missing',
    ],
    [
      'an unknown tool choice mode',
      { tool_choice: 'any' },
      'tool_choice',
      'expected "none" or "auto" or "required" or object',
    ],
    ['max_output_tokens below 16', { max_output_tokens: 8 }, 'max_output_tokens', 'expected number to be >=16'],
    ['an unknown reasoning effort', { reasoning: { effort: 'extreme' } }, 'reasoning.effort', 'Invalid option'],
    [
      'a json_schema format without a name',
      { text: { format: { type: 'json_schema', schema: {} } } },
      'text.format.name',
      'required property is missing',
    ],
    ['an unknown include value', { include: ['reasoning.summary'] }, 'include[0]', 'Invalid option'],
  ])('rejects %s, naming the path', (_what, body, path, message) => {
    const r = validateRequest(R, { model: 'gpt-5', ...body });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});

// ------------------------------------------------------------------ responses
const usage = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 1024, cache_write_tokens: 0 },
  output_tokens: 310,
  output_tokens_details: { reasoning_tokens: 128 },
  total_tokens: 1510,
};

/** The fields every `response` object carries (a non-stream body and the `response` of lifecycle events). */
function responseObject(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1741476542,
    status: 'completed',
    completed_at: 1741476548,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: 'gpt-5-2025-08-07',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: 'medium', summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: {},
    ...overrides,
  };
}

const messageItem = {
  type: 'message',
  id: 'msg_1',
  status: 'completed',
  role: 'assistant',
  content: [
    {
      type: 'output_text',
      text: 'Paris is 21 °C today [1]. See report.pdf and chart.png.',
      annotations: [
        { type: 'url_citation', url: 'https://example.test/weather', title: 'Weather', start_index: 20, end_index: 23 },
        { type: 'file_citation', file_id: 'file-1', filename: 'report.pdf', index: 30 },
        {
          type: 'container_file_citation',
          container_id: 'cntr_1',
          file_id: 'cfile_1',
          filename: 'chart.png',
          start_index: 41,
          end_index: 50,
        },
        { type: 'file_path', file_id: 'cfile_1', index: 50 },
      ],
      logprobs: [
        {
          token: 'Paris',
          logprob: -0.01,
          bytes: [80, 97, 114, 105, 115],
          top_logprobs: [{ token: 'Paris', logprob: -0.01, bytes: [80] }],
        },
      ],
    },
  ],
};

const everyOutputItem = [
  {
    type: 'reasoning',
    id: 'rs_1',
    summary: [{ type: 'summary_text', text: 'Checked the weather.' }],
    encrypted_content: 'gAAA',
    status: 'completed',
  },
  messageItem,
  {
    type: 'message',
    id: 'msg_2',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'refusal', refusal: 'I cannot help with that.' }],
  },
  {
    type: 'function_call',
    id: 'fc_1',
    call_id: 'call_1',
    name: 'get_weather',
    arguments: '{"city":"Paris"}',
    status: 'completed',
  },
  { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_3', name: 'apply_sql', input: 'SELECT 1' },
  {
    type: 'web_search_call',
    id: 'ws_1',
    status: 'completed',
    action: { type: 'search', queries: ['paris weather'], sources: [{ type: 'url', url: 'https://example.test' }] },
  },
  {
    type: 'web_search_call',
    id: 'ws_2',
    status: 'completed',
    action: { type: 'open_page', url: 'https://example.test' },
  },
  {
    type: 'web_search_call',
    id: 'ws_3',
    status: 'completed',
    action: { type: 'find_in_page', url: 'https://example.test', pattern: '°C' },
  },
  {
    type: 'file_search_call',
    id: 'fs_1',
    status: 'completed',
    queries: ['policy'],
    results: [
      {
        file_id: 'file-1',
        filename: 'report.pdf',
        text: '…',
        score: 0.91,
        attributes: { lang: 'fr', year: 2025, draft: false },
      },
    ],
  },
  {
    type: 'code_interpreter_call',
    id: 'ci_1',
    status: 'completed',
    container_id: 'cntr_1',
    code: 'print(1)',
    outputs: [
      { type: 'logs', logs: '1\n' },
      { type: 'image', url: 'https://example.test/c.png' },
    ],
  },
  { type: 'image_generation_call', id: 'ig_1', status: 'completed', result: 'iVBORw0KGgo=' },
  {
    type: 'computer_call',
    id: 'cu_1',
    call_id: 'call_7',
    status: 'completed',
    pending_safety_checks: [],
    action: { type: 'click', button: 'left', x: 10, y: 20 },
  },
  {
    type: 'local_shell_call',
    id: 'ls_1',
    call_id: 'call_4',
    status: 'completed',
    action: { type: 'exec', command: ['ls', '-la'], env: { LANG: 'C' }, timeout_ms: 1000 },
  },
  {
    type: 'shell_call',
    id: 'sh_1',
    call_id: 'call_5',
    status: 'completed',
    environment: null,
    action: { commands: ['pwd'], timeout_ms: null, max_output_length: null },
  },
  {
    type: 'shell_call_output',
    id: 'sho_1',
    call_id: 'call_5',
    status: 'completed',
    max_output_length: null,
    output: [{ stdout: '', stderr: 'killed', outcome: { type: 'timeout' } }],
  },
  {
    type: 'apply_patch_call',
    id: 'ap_1',
    call_id: 'call_6',
    status: 'completed',
    operation: { type: 'create_file', path: 'b.ts', diff: '+x' },
  },
  { type: 'apply_patch_call_output', id: 'apo_1', call_id: 'call_6', status: 'failed', output: 'conflict' },
  {
    type: 'mcp_list_tools',
    id: 'mcpl_1',
    server_label: 'docs',
    tools: [{ name: 'search', input_schema: { type: 'object' }, annotations: { readOnlyHint: true } }],
  },
  { type: 'mcp_approval_request', id: 'mcpr_1', server_label: 'docs', name: 'delete', arguments: '{}' },
  {
    type: 'mcp_call',
    id: 'mcp_1',
    server_label: 'docs',
    name: 'search',
    arguments: '{"q":"x"}',
    output: 'found',
    error: null,
    status: 'completed',
  },
  { type: 'mcp_call', id: 'mcp_2', server_label: 'docs', name: 'search', arguments: '{}', error: 'timeout' },
  {
    type: 'mcp_call',
    id: 'mcp_3',
    server_label: 'docs',
    name: 'search',
    arguments: '{}',
    error: { type: 'http_error', code: 502, message: 'bad gateway' },
  },
  { type: 'compaction', id: 'cmp_1', encrypted_content: 'gAAAAC…' },
];

describe('openai-responses responses', () => {
  it('accepts a completed response with every output item kind, citations, logprobs and usage details', () => {
    okResponse(responseObject({ output: everyOutputItem, instructions: 'Be brief.', tools: agentRequest.tools }));
  });

  it('accepts an incomplete and a failed response', () => {
    okResponse(
      responseObject({
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [messageItem],
      }),
    );
    okResponse(
      responseObject({
        status: 'failed',
        error: { code: 'server_error', message: 'The server had an error.' },
        output: [],
      }),
    );
  });

  it('accepts usage without cache_write_tokens (older deployments and other Responses servers)', () => {
    okResponse(responseObject({ usage: { ...usage, input_tokens_details: { cached_tokens: 0 } } }));
  });

  it.each([
    ['no tools echo', { tools: undefined }, 'tools', 'required property is missing'],
    ['an unknown status', { status: 'done' }, 'status', 'Invalid option'],
    [
      'an output message without status',
      { output: [{ ...messageItem, status: undefined }] },
      'output[0].status',
      'required property is missing',
    ],
    [
      'output_text without annotations',
      { output: [{ ...messageItem, content: [{ type: 'output_text', text: 'x' }] }] },
      'output[0].content[0].annotations',
      'required property is missing',
    ],
    [
      'a url citation without end_index',
      {
        output: [
          {
            ...messageItem,
            content: [
              {
                type: 'output_text',
                text: 'x',
                annotations: [{ type: 'url_citation', url: 'u', title: 't', start_index: 0 }],
              },
            ],
          },
        ],
      },
      'output[0].content[0].annotations[0].end_index',
      'required property is missing',
    ],
    [
      'a reasoning item without id',
      { output: [{ type: 'reasoning', summary: [] }] },
      'output[0].id',
      'required property is missing',
    ],
    [
      'an unknown error code',
      { status: 'failed', error: { code: 'oops', message: 'x' } },
      'error.code',
      'Invalid option',
    ],
    [
      'usage without reasoning_tokens',
      { usage: { ...usage, output_tokens_details: {} } },
      'usage.output_tokens_details.reasoning_tokens',
      'required property is missing',
    ],
  ])('rejects %s, naming the path', (_what, overrides, path, message) => {
    const body: unknown = JSON.parse(JSON.stringify(responseObject(overrides))); // as on the wire: undefined drops out
    const r = validateResponse(R, body);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});

// ------------------------------------------------------------------ stream events
const inProgress = responseObject({ status: 'in_progress', completed_at: null, usage: null, output: [] });
const textPart = { type: 'output_text', text: '', annotations: [], logprobs: [] };
const at = { item_id: 'msg_1', output_index: 1, content_index: 0 };
const tool = (item_id: string) => ({ item_id, output_index: 2 });

/** One event of every type (sequence numbers as a real stream would number them). */
const everyEvent: Record<string, unknown>[] = [
  { type: 'response.created', response: inProgress },
  { type: 'response.queued', response: { ...inProgress, status: 'queued' } },
  { type: 'response.in_progress', response: inProgress },
  { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
  {
    type: 'response.reasoning_summary_part.added',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    part: { type: 'summary_text', text: '' },
  },
  {
    type: 'response.reasoning_summary_text.delta',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    delta: 'Checking',
  },
  {
    type: 'response.reasoning_summary_text.done',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    text: 'Checking.',
  },
  {
    type: 'response.reasoning_summary_part.done',
    item_id: 'rs_1',
    output_index: 0,
    summary_index: 0,
    part: { type: 'summary_text', text: 'Checking.' },
  },
  { type: 'response.reasoning_text.delta', item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'raw' },
  { type: 'response.reasoning_text.done', item_id: 'rs_1', output_index: 0, content_index: 0, text: 'raw' },
  { type: 'response.output_item.done', output_index: 0, item: everyOutputItem[0] },
  {
    type: 'response.output_item.added',
    output_index: 1,
    item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] },
  },
  { type: 'response.content_part.added', ...at, part: textPart },
  {
    type: 'response.output_text.delta',
    ...at,
    delta: 'Paris',
    logprobs: [{ token: 'Paris', logprob: -0.01, top_logprobs: [{ token: 'Paris', logprob: -0.01 }] }],
  },
  {
    type: 'response.output_text.annotation.added',
    ...at,
    annotation_index: 0,
    annotation: messageItem.content[0]?.annotations[0],
  },
  { type: 'response.output_text.done', ...at, text: 'Paris is 21 °C.', logprobs: [] },
  { type: 'response.content_part.done', ...at, part: { ...textPart, text: 'Paris is 21 °C.' } },
  { type: 'response.refusal.delta', ...at, content_index: 1, delta: 'I cannot' },
  { type: 'response.refusal.done', ...at, content_index: 1, refusal: 'I cannot help.' },
  { type: 'response.function_call_arguments.delta', ...tool('fc_1'), delta: '{"city":' },
  { type: 'response.function_call_arguments.done', ...tool('fc_1'), arguments: '{"city":"Paris"}' },
  { type: 'response.custom_tool_call_input.delta', ...tool('ctc_1'), delta: 'SELECT' },
  { type: 'response.custom_tool_call_input.done', ...tool('ctc_1'), input: 'SELECT 1' },
  { type: 'response.audio.delta', delta: 'UklGRg==' },
  { type: 'response.audio.done' },
  { type: 'response.audio.transcript.delta', delta: 'Hello' },
  { type: 'response.audio.transcript.done' },
  { type: 'response.file_search_call.in_progress', ...tool('fs_1') },
  { type: 'response.file_search_call.searching', ...tool('fs_1') },
  { type: 'response.file_search_call.completed', ...tool('fs_1') },
  { type: 'response.web_search_call.in_progress', ...tool('ws_1') },
  { type: 'response.web_search_call.searching', ...tool('ws_1') },
  { type: 'response.web_search_call.completed', ...tool('ws_1') },
  { type: 'response.code_interpreter_call.in_progress', ...tool('ci_1') },
  { type: 'response.code_interpreter_call_code.delta', ...tool('ci_1'), delta: 'print(' },
  { type: 'response.code_interpreter_call_code.done', ...tool('ci_1'), code: 'print(1)' },
  { type: 'response.code_interpreter_call.interpreting', ...tool('ci_1') },
  { type: 'response.code_interpreter_call.completed', ...tool('ci_1') },
  { type: 'response.image_generation_call.in_progress', ...tool('ig_1') },
  { type: 'response.image_generation_call.generating', ...tool('ig_1') },
  {
    type: 'response.image_generation_call.partial_image',
    ...tool('ig_1'),
    partial_image_index: 0,
    partial_image_b64: 'iVBORw0KGgo=',
    size: '1024x1024',
    output_format: 'png',
  },
  { type: 'response.image_generation_call.completed', ...tool('ig_1') },
  { type: 'response.mcp_list_tools.in_progress', ...tool('mcpl_1') },
  { type: 'response.mcp_list_tools.completed', ...tool('mcpl_1') },
  { type: 'response.mcp_list_tools.failed', ...tool('mcpl_1') },
  { type: 'response.mcp_call.in_progress', ...tool('mcp_1') },
  { type: 'response.mcp_call_arguments.delta', ...tool('mcp_1'), delta: '{"q":' },
  { type: 'response.mcp_call_arguments.done', ...tool('mcp_1'), arguments: '{"q":"x"}' },
  { type: 'response.mcp_call.completed', ...tool('mcp_1') },
  { type: 'response.mcp_call.failed', ...tool('mcp_1') },
  { type: 'response.shell_call_command.added', output_index: 2, command_index: 0, command: '' },
  { type: 'response.shell_call_command.delta', output_index: 2, command_index: 0, delta: 'pwd', obfuscation: 'x1' },
  { type: 'response.shell_call_command.done', output_index: 2, command_index: 0, command: 'pwd' },
  { type: 'response.shell_call_output_content.delta', ...tool('sh_1'), command_index: 0, delta: { stdout: '/repo' } },
  {
    type: 'response.shell_call_output_content.done',
    ...tool('sh_1'),
    command_index: 0,
    output: [{ stdout: '/repo\n', stderr: '', outcome: { type: 'exit', exit_code: 0 } }],
  },
  { type: 'error', code: 'server_error', message: 'The server had an error.', param: null },
  { type: 'response.completed', response: responseObject({ output: everyOutputItem.slice(0, 2) }) },
  {
    type: 'response.incomplete',
    response: responseObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } }),
  },
  {
    type: 'response.failed',
    response: responseObject({ status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down.' } }),
  },
].map((event, sequence_number) => ({ ...event, sequence_number }));

/** The event types the spec declares (its discriminator mapping), read from the spec itself. */
function specEventTypes(): string[] {
  const spec = parse(readFileSync(new URL('../../spec/openai-responses.yaml', import.meta.url), 'utf8')) as {
    components: { schemas: { ResponseStreamEvent: { discriminator: { mapping: Record<string, string> } } } };
  };
  return Object.keys(spec.components.schemas.ResponseStreamEvent.discriminator.mapping).sort();
}

describe('openai-responses stream events', () => {
  it('the fixture has one event of every type the spec declares', () => {
    expect([...new Set(everyEvent.map((e) => e.type))].sort()).toEqual(specEventTypes());
    expect(specEventTypes()).toHaveLength(58);
  });

  it.each(everyEvent.map((e) => [e.type, e]))('accepts %s', (_type, event) => {
    okEvent(event);
  });

  it('accepts the error event in both shapes: fields at the top level (the reference) and nested under error (the API)', () => {
    okEvent({ type: 'error', sequence_number: 2, code: null, message: 'bad', param: null });
    okEvent({
      type: 'error',
      sequence_number: 2,
      error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'No credits left.', param: null },
    });
  });

  it('accepts function_call_arguments.done with or without name (the API does not send it)', () => {
    const done = {
      type: 'response.function_call_arguments.done',
      sequence_number: 9,
      item_id: 'fc_1',
      output_index: 2,
      arguments: '{}',
    };
    okEvent(done);
    okEvent({ ...done, name: 'get_weather' });
  });

  it.each([
    [
      'no sequence_number',
      { type: 'response.output_text.delta', ...at, delta: 'x', logprobs: [] },
      'sequence_number',
      'required property is missing',
    ],
    [
      'an unknown type',
      { type: 'response.output_text.delta2', sequence_number: 1 },
      'type',
      'unknown type "response.output_text.delta2"',
    ],
    [
      'a text delta without logprobs',
      { type: 'response.output_text.delta', sequence_number: 1, ...at, delta: 'x' },
      'logprobs',
      'required property is missing',
    ],
    [
      'a completed event whose response lacks an id',
      { type: 'response.completed', sequence_number: 9, response: { ...responseObject({}), id: undefined } },
      'response.id',
      'required property is missing',
    ],
    [
      'an added item of an unknown type',
      { type: 'response.output_item.added', sequence_number: 3, output_index: 0, item: { type: 'thought', id: 't' } },
      'item.type',
      'unknown type "thought"',
    ],
    [
      'a summary part of the wrong type',
      {
        type: 'response.reasoning_summary_part.added',
        sequence_number: 3,
        item_id: 'rs',
        output_index: 0,
        summary_index: 0,
        part: { type: 'output_text', text: '' },
      },
      'part.type',
      'Invalid input: expected "summary_text"',
    ],
    [
      'a content part of an unknown type',
      { type: 'response.content_part.added', sequence_number: 3, ...at, part: { type: 'summary_text', text: '' } },
      'part.type',
      'unknown type "summary_text"',
    ],
  ])('rejects %s, naming the path', (_what, event, path, message) => {
    const e = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    const r = validateStreamEvent(R, e);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});
