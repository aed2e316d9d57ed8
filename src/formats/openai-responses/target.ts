/**
 * Where a Responses request goes (docs/wire-formats.md#openai-responses): `POST /v1/responses` and
 * `POST /v1/responses/input_tokens`. Paths are relative to an OpenAI-style base URL that ends in `/v1`
 * (`https://api.openai.com/v1`), as the official SDK's `baseURL` and Codex CLI's `base_url` are.
 */

export type ResponsesOperation = 'create' | 'input_tokens';

export function responsesTarget(operation: ResponsesOperation = 'create'): { path: string } {
  return { path: operation === 'input_tokens' ? '/responses/input_tokens' : '/responses' };
}

const PATH = /\/responses(\/input_tokens)?\/?$/;

/** The operation a request path names (any prefix, query ignored), or undefined for other paths. */
export function parseResponsesPath(path: string): ResponsesOperation | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  if (!m) return undefined;
  return m[1] ? 'input_tokens' : 'create';
}
