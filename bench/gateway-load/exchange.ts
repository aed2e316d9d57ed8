/**
 * What the gateway bench sends and what its upstream answers, shared by the processes: the upstream's canned
 * Anthropic stream and response (from bench/inputs.ts), and the client requests (a Chat client through the
 * gateway; the same conversation as a Messages request straight to the upstream or through the relay).
 */
import { responseBody, streamBytes } from '../inputs.js';

export const UPSTREAM_KEY = 'bench-upstream-key';

/** Anthropic SSE events per streamed answer (about 30 text deltas and a tool call in 4 fragments). */
export const STREAM_EVENTS = 40;

/** The canned stream's events (Anthropic SSE, one string per event). */
export function cannedEvents(events = STREAM_EVENTS): string[] {
  return new TextDecoder().decode(streamBytes('anthropic-messages', events)).split(/(?<=\n\n)/);
}

export function cannedResponse(): string {
  return JSON.stringify(responseBody('anthropic-messages', 'small'));
}

const QUESTION = 'What is the weather in Paris? Answer briefly, then call get_weather.';
const TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

export interface Target {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A Messages request straight to the upstream (direct, or through the relay). */
export function messagesRequest(stream: boolean): Target {
  return {
    path: '/v1/messages',
    headers: { 'content-type': 'application/json', 'x-api-key': UPSTREAM_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-bench',
      max_tokens: 1024,
      stream,
      messages: [{ role: 'user', content: QUESTION }],
      tools: [{ name: TOOL.name, description: TOOL.description, input_schema: TOOL.schema }],
    }),
  };
}

/** The same exchange from a Chat client through the gateway (`@anthropic/…` routes to the upstream). */
export function chatRequest(stream: boolean): Target {
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench-client' },
    body: JSON.stringify({
      model: '@anthropic/claude-bench',
      max_tokens: 1024,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      messages: [{ role: 'user', content: QUESTION }],
      tools: [
        { type: 'function', function: { name: TOOL.name, description: TOOL.description, parameters: TOOL.schema } },
      ],
    }),
  };
}
