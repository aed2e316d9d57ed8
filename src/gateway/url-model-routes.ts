import { parseBedrockConversePath } from '../formats/bedrock-converse/target.js';
import { parseBedrockInvokePath } from '../formats/bedrock-invoke/target.js';
import { parseGeminiPath } from '../formats/gemini/target.js';
import { parseVertexAnthropicPath } from '../formats/vertex-anthropic/target.js';
import { clientError } from './client-error.js';
import { handleGenerate } from './handle-generate.js';
import type { GatewayRuntime } from './runtime.js';

/*
 * The routes of client formats that name the model in the URL (`url-model-format.ts`). The model may carry a
 * provider prefix, raw (`@anthropic/claude-x`) or URL-encoded (`%40anthropic%2Fclaude-x`), so the paths are
 * split by each format's own parser (`formats/<id>/target.ts`) rather than by a router pattern.
 */

export function handleGemini(rt: GatewayRuntime, req: Request): Promise<Response> | Response {
  const url = new URL(req.url);
  const parsed = url.pathname.startsWith('/v1beta/models/') ? parseGeminiPath(url.pathname) : undefined;
  if (!parsed || parsed.operation === 'countTokens') {
    return clientError(
      'gemini',
      404,
      `no route for POST ${url.pathname} (use models/{model}:generateContent or :streamGenerateContent?alt=sse)`,
    );
  }
  const stream = parsed.operation === 'streamGenerateContent';
  if (stream && url.searchParams.get('alt') !== 'sse') {
    return clientError('gemini', 400, 'streamGenerateContent is served as SSE only: add ?alt=sse');
  }
  return handleGenerate(rt, req, 'gemini', { model: parsed.model, stream });
}

/** Bedrock InvokeModel (Claude's Messages body) and Converse, told apart by the path's last segment. */
export function handleBedrock(rt: GatewayRuntime, req: Request): Promise<Response> | Response {
  const pathname = new URL(req.url).pathname;
  const invoke = pathname.startsWith('/model/') ? parseBedrockInvokePath(pathname) : undefined;
  const parsed = invoke ?? (pathname.startsWith('/model/') ? parseBedrockConversePath(pathname) : undefined);
  if (!parsed)
    return clientError(
      'bedrock-invoke',
      404,
      'use POST /model/{modelId}/invoke, /invoke-with-response-stream, /converse or /converse-stream',
    );
  return handleGenerate(rt, req, invoke ? 'bedrock-invoke' : 'bedrock-converse', {
    model: parsed.model,
    stream: parsed.stream,
  });
}

export function handleVertex(rt: GatewayRuntime, req: Request): Promise<Response> | Response {
  const pathname = new URL(req.url).pathname;
  const parsed = pathname.startsWith('/v1/projects/') ? parseVertexAnthropicPath(pathname) : undefined;
  if (!parsed?.location) {
    return clientError(
      'vertex-anthropic',
      404,
      'use POST …/publishers/anthropic/models/{model}:rawPredict or :streamRawPredict',
    );
  }
  if (parsed.countTokens)
    return clientError('vertex-anthropic', 404, 'count-tokens:rawPredict is not served; use /v1/messages/count_tokens');
  return handleGenerate(rt, req, 'vertex-anthropic', { model: parsed.model, stream: parsed.stream });
}
