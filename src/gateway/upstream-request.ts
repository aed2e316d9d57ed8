import type { AnthropicVersion } from '../core/options.js';
import { bedrockConverseTarget } from '../formats/bedrock-converse/target.js';
import { bedrockInvokeTarget } from '../formats/bedrock-invoke/target.js';
import { geminiCountTokensTarget, geminiTarget } from '../formats/gemini/target.js';
import { responsesTarget } from '../formats/openai-responses/target.js';
import { vertexAnthropicCountTokensTarget, vertexAnthropicTarget } from '../formats/vertex-anthropic/target.js';
import type { ProviderConfig } from './config.js';

export type Operation = 'generate' | 'count_tokens';

function join(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

/**
 * The upstream URL for an operation, or undefined when the gateway cannot call it (Vertex without
 * `project`/`region`; count_tokens on Bedrock or OpenAI). Bedrock is called with a Bedrock API key
 * (`Authorization: Bearer`), not SigV4; Vertex with an access token as the key.
 */
export function upstreamUrl(
  provider: ProviderConfig,
  model: string,
  op: Operation,
  stream: boolean,
): string | undefined {
  switch (provider.format) {
    case 'anthropic-messages':
      return join(provider.baseUrl, op === 'count_tokens' ? '/v1/messages/count_tokens' : '/v1/messages');
    case 'openai-chat':
      return op === 'generate' ? join(provider.baseUrl, '/chat/completions') : undefined;
    case 'openai-responses':
      // an OpenAI provider called through Responses (base URL ending in /v1, like Chat's)
      return op === 'generate' ? join(provider.baseUrl, responsesTarget('create').path) : undefined;
    case 'gemini':
      return join(
        provider.baseUrl,
        (op === 'count_tokens' ? geminiCountTokensTarget(model) : geminiTarget(model, stream)).path,
      );
    case 'bedrock-invoke':
      return op === 'generate' ? join(provider.baseUrl, bedrockInvokeTarget(model, stream).path) : undefined;
    case 'bedrock-converse':
      return op === 'generate' ? join(provider.baseUrl, bedrockConverseTarget(model, stream).path) : undefined;
    case 'vertex-anthropic': {
      if (!provider.project || !provider.region) return undefined;
      const where = { project: provider.project, region: provider.region };
      const target =
        op === 'count_tokens' ? vertexAnthropicCountTokensTarget(where) : vertexAnthropicTarget(model, stream, where);
      return join(provider.baseUrl, target.path);
    }
    default:
      return undefined;
  }
}

/** The key a client presented: `x-api-key`, `Authorization: Bearer` or (Gemini clients) `x-goog-api-key`. */
export function clientKey(headers: Headers): string | undefined {
  const x = headers.get('x-api-key') ?? headers.get('x-goog-api-key');
  if (x) return x;
  const auth = headers.get('authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return m ? m[1]!.trim() : undefined;
}

/** `anthropic-beta`: the betas the exchange carries, else an Anthropic client's own header. */
function setBeta(
  h: Headers,
  client: Headers,
  opts: { clientIsAnthropic: boolean; anthropicBeta?: string[] | string },
): void {
  const b = opts.anthropicBeta;
  const value = Array.isArray(b) ? b.join(',') : b || (opts.clientIsAnthropic ? client.get('anthropic-beta') : null);
  if (value) h.set('anthropic-beta', value);
}

/**
 * Headers for the upstream call. Credentials come from the provider config; the client's own key
 * goes upstream only with `forwardClientKey`.
 */
export function upstreamHeaders(
  provider: ProviderConfig,
  client: Headers,
  opts: {
    anthropicVersion: AnthropicVersion;
    clientIsAnthropic: boolean;
    stream: boolean;
    /** beta names for an Anthropic or Vertex upstream (`anthropic-beta`); default: an Anthropic client's own header */
    anthropicBeta?: string[] | string;
  },
): Headers {
  const stream = opts.stream;
  const h = new Headers({ 'content-type': 'application/json' });
  h.set('accept', stream ? 'text/event-stream' : 'application/json');
  const key = provider.forwardClientKey ? clientKey(client) : provider.apiKey;
  switch (provider.format) {
    case 'anthropic-messages':
      h.set('anthropic-version', opts.anthropicVersion);
      if (key) {
        if (provider.authStyle === 'bearer') h.set('authorization', `Bearer ${key}`);
        else h.set('x-api-key', key);
      }
      setBeta(h, client, opts);
      break;
    case 'gemini':
      if (key) h.set('x-goog-api-key', key);
      break;
    case 'bedrock-invoke':
    case 'bedrock-converse':
      if (stream) h.set('accept', 'application/vnd.amazon.eventstream');
      if (key) h.set('authorization', `Bearer ${key}`);
      break;
    case 'vertex-anthropic':
      if (key) h.set('authorization', `Bearer ${key}`);
      // Vertex takes betas as the header, as @anthropic-ai/vertex-sdk sends them
      setBeta(h, client, opts);
      break;
    default:
      if (key) h.set('authorization', `Bearer ${key}`);
  }
  for (const [k, v] of Object.entries(provider.headers ?? {})) h.set(k, v);
  return h;
}
