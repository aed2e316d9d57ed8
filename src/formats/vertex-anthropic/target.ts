/**
 * Where a Vertex AI request for Claude goes (wire-formats §5.4). The model is in the path; the method
 * (`rawPredict` / `streamRawPredict`) decides streaming. Project and region are deployment settings
 * the translator does not know: without them the path starts at `/publishers/…`, to be prefixed with
 * `/v1/projects/{project}/locations/{region}` by the caller.
 */
export interface VertexLocation {
  project: string;
  region: string;
}

function prefix(location: VertexLocation | undefined): string {
  return location ? `/v1/projects/${encodeURIComponent(location.project)}/locations/${encodeURIComponent(location.region)}` : '';
}

export function vertexAnthropicTarget(model: string, stream: boolean, location?: VertexLocation): { path: string } {
  return { path: `${prefix(location)}/publishers/anthropic/models/${encodeURIComponent(model)}:${stream ? 'streamRawPredict' : 'rawPredict'}` };
}

/** count_tokens: a fixed model segment, the model stays in the body. */
export function vertexAnthropicCountTokensTarget(location?: VertexLocation): { path: string } {
  return { path: `${prefix(location)}/publishers/anthropic/models/count-tokens:rawPredict` };
}

const PATH = /\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;

export function parseVertexAnthropicPath(path: string): { model: string; stream: boolean; countTokens: boolean } | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  if (!m) return undefined;
  const model = decodeURIComponent(m[1]!);
  return { model, stream: m[2] === 'streamRawPredict', countTokens: model === 'count-tokens' };
}
