import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import type { AnthropicVersion, RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { vertexAnthropicTarget } from '../../formats/vertex-anthropic/target.js';

export function vertexAnthropicVersion(version: AnthropicVersion | undefined): string {
  return version === '2026-10-21' ? '2026-10-21' : 'vertex-2023-10-16';
}

export interface VertexAnthropicRequestContext extends RequestContext {
  /** `/publishers/anthropic/models/{model}:rawPredict` or `:streamRawPredict`; prefix `/v1/projects/{p}/locations/{r}` */
  upstreamPath: string;
}

/**
 * Anthropic Messages request -> Vertex rawPredict body (docs/wire-formats.md#vertex-claude): `model` moves to the path
 * (`context.upstreamPath`), `anthropic_version` goes into the body, `stream` stays (as the Vertex SDK sends it).
 */
export function anthropicRequestToVertex(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'request body must be a JSON object', { path: '' });
  const model = options.model ?? body.model;
  if (typeof model !== 'string' || model === '')
    throw new TranslationError('invalid_input', 'model is required', { path: 'model' });
  const { model: _m, ...rest } = body;
  const out: Record<string, unknown> = { anthropic_version: vertexAnthropicVersion(options.anthropicVersion), ...rest };
  const stream = body.stream === true;
  const context: VertexAnthropicRequestContext = {
    clientModel: typeof body.model === 'string' ? body.model : model,
    stream,
    upstreamPath: vertexAnthropicTarget(model, stream).path,
  };
  if (options.anthropicVersion) context.anthropicVersion = options.anthropicVersion;
  return { body: out, losses: [], context };
}
