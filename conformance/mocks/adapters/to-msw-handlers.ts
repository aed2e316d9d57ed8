import { type HttpHandler, http } from 'msw';
import type { MockHandler } from '../mock-types.js';

/**
 * msw 2.x handlers that send every request under `baseUrl` (any method, any path) to `handler`.
 * Use with `setupServer(...toMswHandlers('https://api.anthropic.test', createAnthropicMock()))`.
 * A `Response.error()` from the handler (a `reset` fault) becomes a network error in the client.
 */
export function toMswHandlers(baseUrl: string, handler: MockHandler): HttpHandler[] {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return [http.all(`${base}/*`, ({ request }) => handler(request))];
}
