/**
 * The agents × providers matrix of `npm run e2e:agents`: each agent speaks its own format to the reference gateway
 * (served on loopback), which translates to a provider format whose strict mock plays the scripted agent model
 * (conformance/scripted-model/agent-script.ts). This file holds the providers (mock, upstream model, gateway
 * config), the matrix, and the recording of every exchange on both sides of the gateway.
 */

import { converseAgentView } from '../../conformance/mocks/agent-views.js';
import { anthropicPrompt } from '../../conformance/mocks/anthropic/anthropic-prompt.js';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createBedrockConverseMock } from '../../conformance/mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../../conformance/mocks/bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from '../../conformance/mocks/gemini/create-gemini-mock.js';
import { geminiPrompt } from '../../conformance/mocks/gemini/gemini-prompt.js';
import { readGeminiJson } from '../../conformance/mocks/gemini/read-gemini-json.js';
import type { MockProvider } from '../../conformance/mocks/mock-types.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import { openaiPrompt } from '../../conformance/mocks/openai/openai-prompt.js';
import { createResponsesMock } from '../../conformance/mocks/openai-responses/create-responses-mock.js';
import { responsesPrompt } from '../../conformance/mocks/openai-responses/responses-prompt.js';
import { createVertexAnthropicMock } from '../../conformance/mocks/vertex/create-vertex-anthropic-mock.js';
import type { AgentView } from '../../conformance/scripted-model/agent-script.js';
import type { FormatId } from '../../src/core/formats.js';
import type { ProviderConfig } from '../../src/gateway/config.js';
import type { AgentName } from './agents.js';

export type ProviderName = 'anthropic' | 'chat' | 'responses' | 'gemini' | 'converse' | 'invoke' | 'vertex';

export interface ProviderSpec {
  readonly name: ProviderName;
  readonly format: FormatId;
  /** the model name the gateway sends upstream (the agent asks for `@<name>/<model>`) */
  readonly model: string;
  createMock(apiKey: string): MockProvider;
  /** the gateway's provider entry for a mock served at `url` */
  config(url: string, apiKey: string): ProviderConfig;
  /** the request body as the scripted agent model read it */
  view(body: Record<string, unknown>): AgentView | undefined;
}

const plain =
  (format: FormatId, suffix = '') =>
  (url: string, apiKey: string) => ({
    format,
    baseUrl: `${url}${suffix}`,
    apiKey,
  });

export const PROVIDERS: readonly ProviderSpec[] = [
  {
    name: 'anthropic',
    format: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    createMock: (apiKey) => createAnthropicMock({ apiKey }),
    config: plain('anthropic-messages'),
    view: (body) => anthropicPrompt(body).agent,
  },
  {
    name: 'chat',
    format: 'openai-chat',
    model: 'gpt-4o',
    createMock: (apiKey) => createOpenAIMock({ apiKey }),
    config: plain('openai-chat', '/v1'),
    view: (body) => openaiPrompt(body).agent,
  },
  {
    name: 'responses',
    format: 'openai-responses',
    model: 'gpt-5',
    createMock: (apiKey) => createResponsesMock({ apiKey }),
    config: plain('openai-responses', '/v1'),
    view: (body) => responsesPrompt(body).agent,
  },
  {
    name: 'gemini',
    format: 'gemini',
    model: 'gemini-2.5-pro',
    createMock: (apiKey) => createGeminiMock({ apiKey }),
    config: plain('gemini'),
    view: (body) => geminiPrompt(readGeminiJson(body)).agent,
  },
  {
    name: 'converse',
    format: 'bedrock-converse',
    model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    createMock: (apiKey) => createBedrockConverseMock({ apiKey }),
    config: plain('bedrock-converse'),
    view: (body) => converseAgentView(body),
  },
  {
    name: 'invoke',
    format: 'bedrock-invoke',
    model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    createMock: (apiKey) => createBedrockInvokeMock({ apiKey }),
    config: plain('bedrock-invoke'),
    view: (body) => anthropicPrompt(body).agent,
  },
  {
    name: 'vertex',
    format: 'vertex-anthropic',
    model: 'claude-sonnet-4-5@20250929',
    createMock: (apiKey) => createVertexAnthropicMock({ apiKey }),
    config: (url, apiKey) => ({
      format: 'vertex-anthropic',
      baseUrl: url,
      apiKey,
      project: 'crosswire-e2e',
      region: 'us-east5',
    }),
    view: (body) => anthropicPrompt(body).agent,
  },
];

/** Which providers each agent is run against through the gateway (issue 14's matrix). */
export const MATRIX: Readonly<Record<AgentName, readonly ProviderName[]>> = {
  'claude-code': ['chat', 'responses', 'gemini', 'converse', 'invoke', 'vertex'],
  codex: ['anthropic', 'chat', 'gemini', 'converse'],
  'gemini-cli': ['anthropic', 'chat', 'responses', 'converse'],
};

/** Short names accepted on the command line. */
export const AGENT_ALIASES: Readonly<Record<string, AgentName>> = {
  claude: 'claude-code',
  'claude-code': 'claude-code',
  codex: 'codex',
  gemini: 'gemini-cli',
  'gemini-cli': 'gemini-cli',
};

export const PROVIDER_ALIASES: Readonly<Record<string, ProviderName>> = {
  anthropic: 'anthropic',
  chat: 'chat',
  openai: 'chat',
  'openai-chat': 'chat',
  responses: 'responses',
  'openai-responses': 'responses',
  gemini: 'gemini',
  converse: 'converse',
  'bedrock-converse': 'converse',
  invoke: 'invoke',
  'bedrock-invoke': 'invoke',
  vertex: 'vertex',
  'vertex-anthropic': 'vertex',
};

/** One HTTP exchange as recorded on one side of the gateway. */
export interface RecordedExchange {
  readonly side: 'client' | 'upstream';
  readonly method: string;
  readonly url: string;
  readonly requestBody: string;
  status: number;
  responseBody: string;
}

/**
 * Wraps a fetch handler so that every request and its whole response (a stream read as it passes) are recorded.
 * The response the caller gets is unchanged.
 */
export function recording(
  side: RecordedExchange['side'],
  handler: (request: Request) => Promise<Response>,
  into: RecordedExchange[],
): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestBody = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
    const entry: RecordedExchange = {
      side,
      method: request.method,
      url: request.url,
      requestBody,
      status: 0,
      responseBody: '',
    };
    into.push(entry);
    const response = await handler(request);
    entry.status = response.type === 'error' ? 0 : response.status;
    if (!response.body) return response;
    const [mine, theirs] = response.body.tee();
    void new Response(mine).text().then(
      (text) => {
        entry.responseBody = text;
      },
      (error: unknown) => {
        entry.responseBody = `(response body failed: ${String(error)})`;
      },
    );
    return new Response(theirs, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
