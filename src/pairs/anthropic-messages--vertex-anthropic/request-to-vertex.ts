import type { AnthropicVersion, RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { takeUrlModel } from '../../formats/anthropic-messages/url-model-body.js';
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
  const { model, clientModel, rest } = takeUrlModel(body, options);
  const out: Record<string, unknown> = { anthropic_version: vertexAnthropicVersion(options.anthropicVersion), ...rest };
  const stream = rest.stream === true;
  const context: VertexAnthropicRequestContext = {
    clientModel,
    stream,
    upstreamPath: vertexAnthropicTarget(model, stream).path,
  };
  if (options.anthropicVersion) context.anthropicVersion = options.anthropicVersion;
  return { body: out, losses: [], context };
}
