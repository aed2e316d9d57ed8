import { clientError } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { handleGenerate } from './handle-generate.js';

/**
 * Client formats that name the model in the URL (and pick streaming by the URL): Gemini, Bedrock
 * InvokeModel, Vertex rawPredict. The model may carry a provider prefix, raw (`@anthropic/claude-x`)
 * or URL-encoded (`%40anthropic%2Fclaude-x`), so the paths are split here rather than by a router pattern.
 */
export type UrlModelFormat = 'gemini' | 'bedrock-invoke' | 'bedrock-converse' | 'vertex-anthropic';

export function isUrlModelFormat(format: string): format is UrlModelFormat {
  return format === 'gemini' || format === 'bedrock-invoke' || format === 'bedrock-converse' || format === 'vertex-anthropic';
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** `…/{model}:{method}` after `prefix` -> model and method (the last `:` splits). */
function splitColon(pathname: string, prefix: string): { model: string; method: string } | undefined {
  const at = pathname.indexOf(prefix);
  if (at < 0) return undefined;
  const rest = pathname.slice(at + prefix.length);
  const colon = rest.lastIndexOf(':');
  const model = colon > 0 ? decode(rest.slice(0, colon)) : undefined;
  return model ? { model, method: rest.slice(colon + 1) } : undefined;
}

/** `/v1beta/models/@anthropic/claude-x:streamGenerateContent` -> model and method. */
export function parseGeminiPath(pathname: string): { model: string; method: string } | undefined {
  return pathname.startsWith('/v1beta/models/') ? splitColon(pathname, '/v1beta/models/') : undefined;
}

/** `/model/{model}/invoke`, `/invoke-with-response-stream`, `/converse`, `/converse-stream` -> model, stream, format. */
export function parseBedrockPath(pathname: string): { model: string; stream: boolean; format: 'bedrock-invoke' | 'bedrock-converse' } | undefined {
  const m = /^\/model\/(.+)\/(invoke|invoke-with-response-stream|converse|converse-stream)$/.exec(pathname);
  const model = m ? decode(m[1]!) : undefined;
  if (!model) return undefined;
  const op = m![2]!;
  return { model, stream: op.endsWith('-stream'), format: op.startsWith('converse') ? 'bedrock-converse' : 'bedrock-invoke' };
}

/** `/v1/projects/{p}/locations/{r}/publishers/anthropic/models/{model}:rawPredict|streamRawPredict`. */
export function parseVertexPath(pathname: string): { model: string; method: string } | undefined {
  return /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\//.test(pathname)
    ? splitColon(pathname, '/publishers/anthropic/models/')
    : undefined;
}

export function handleGemini(config: GatewayConfig, req: Request): Promise<Response> | Response {
  const url = new URL(req.url);
  const parsed = parseGeminiPath(url.pathname);
  if (!parsed || (parsed.method !== 'generateContent' && parsed.method !== 'streamGenerateContent')) {
    return clientError('gemini', 404, `no route for POST ${url.pathname} (use models/{model}:generateContent or :streamGenerateContent?alt=sse)`);
  }
  const stream = parsed.method === 'streamGenerateContent';
  if (stream && url.searchParams.get('alt') !== 'sse') {
    return clientError('gemini', 400, 'streamGenerateContent is served as SSE only: add ?alt=sse');
  }
  return handleGenerate(config, req, 'gemini', { model: parsed.model, stream });
}

/** Bedrock InvokeModel (Claude's Messages body) and Converse, told apart by the path's last segment. */
export function handleBedrock(config: GatewayConfig, req: Request): Promise<Response> | Response {
  const parsed = parseBedrockPath(new URL(req.url).pathname);
  if (!parsed) return clientError('bedrock-invoke', 404, 'use POST /model/{modelId}/invoke, /invoke-with-response-stream, /converse or /converse-stream');
  return handleGenerate(config, req, parsed.format, { model: parsed.model, stream: parsed.stream });
}

export function handleVertex(config: GatewayConfig, req: Request): Promise<Response> | Response {
  const parsed = parseVertexPath(new URL(req.url).pathname);
  if (!parsed || (parsed.method !== 'rawPredict' && parsed.method !== 'streamRawPredict')) {
    return clientError('vertex-anthropic', 404, 'use POST …/publishers/anthropic/models/{model}:rawPredict or :streamRawPredict');
  }
  if (parsed.model === 'count-tokens') return clientError('vertex-anthropic', 404, 'count-tokens:rawPredict is not served; use /v1/messages/count_tokens');
  return handleGenerate(config, req, 'vertex-anthropic', { model: parsed.model, stream: parsed.method === 'streamRawPredict' });
}
