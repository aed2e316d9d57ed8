import { decodePathSegment, isDotSegment, pathSegment } from '../../core/url-path.js';

/**
 * Where a Vertex AI request for Claude goes (docs/wire-formats.md#vertex-claude). The model is in the path; the method
 * (`rawPredict` / `streamRawPredict`) decides streaming. Project and region are deployment settings
 * the translator does not know: without them the path starts at `/publishers/…`, to be prefixed with
 * `/v1/projects/{project}/locations/{region}` by the caller.
 */
export interface VertexLocation {
  project: string;
  region: string;
}

function prefix(location: VertexLocation | undefined): string {
  return location
    ? `/v1/projects/${pathSegment(location.project, 'project')}/locations/${pathSegment(location.region, 'region')}`
    : '';
}

export function vertexAnthropicTarget(model: string, stream: boolean, location?: VertexLocation): { path: string } {
  return {
    path: `${prefix(location)}/publishers/anthropic/models/${pathSegment(model, 'model')}:${stream ? 'streamRawPredict' : 'rawPredict'}`,
  };
}

/** count_tokens: a fixed model segment, the model stays in the body. */
export function vertexAnthropicCountTokensTarget(location?: VertexLocation): { path: string } {
  return { path: `${prefix(location)}/publishers/anthropic/models/count-tokens:rawPredict` };
}

/** `[/v1/projects/{project}/locations/{region}]/publishers/anthropic/models/{model}:{method}`; the model may hold `/`. */
const PATH =
  /(?:\/v1\/projects\/([^/]+)\/locations\/([^/]+))?\/publishers\/anthropic\/models\/(.+):(rawPredict|streamRawPredict)$/;

/**
 * The model, streaming choice and (when the path names them) project and region of a Vertex path (what a
 * Vertex-speaking client calls; the gateway routes by it, and requires the location).
 */
export function parseVertexAnthropicPath(
  path: string,
): { model: string; stream: boolean; countTokens: boolean; location?: VertexLocation } | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  const model = m ? decodePathSegment(m[3]!) : undefined;
  if (!m || !model || isDotSegment(model)) return undefined;
  const project = m[1] === undefined ? undefined : decodePathSegment(m[1]);
  const region = m[2] === undefined ? undefined : decodePathSegment(m[2]);
  const parsed = { model, stream: m[4] === 'streamRawPredict', countTokens: model === 'count-tokens' };
  return project !== undefined && region !== undefined ? { ...parsed, location: { project, region } } : parsed;
}
