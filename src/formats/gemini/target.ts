import { decodePathSegment, isDotSegment, pathSegment } from '../../core/url-path.js';

/**
 * Where a Gemini request goes: the model and the streaming choice live in the URL, not the body
 * (docs/wire-formats.md#gemini-endpoints). Paths are relative to the API root (`https://generativelanguage.googleapis.com`).
 */
export interface GeminiTarget {
  path: string;
  model: string;
  stream: boolean;
}

/** (A model `.` or `..` is refused, `invalid_input`, as for every path model: `core/url-path.ts`.) */
export function geminiTarget(model: string, stream: boolean, apiVersion = 'v1beta'): GeminiTarget {
  const m = pathSegment(model, 'model');
  const path = stream
    ? `/${apiVersion}/models/${m}:streamGenerateContent?alt=sse`
    : `/${apiVersion}/models/${m}:generateContent`;
  return { path, model, stream };
}

/** `/{version}/models/{model}:{operation}[?query]`; the model may hold `/` (a raw `@provider/model`): the last `:` splits. */
/** countTokens: the model in the path, as for generation. */
export function geminiCountTokensTarget(model: string, apiVersion = 'v1beta'): { path: string } {
  return { path: `/${apiVersion}/models/${pathSegment(model, 'model')}:countTokens` };
}

const PATH = /^\/(v1beta|v1|v1alpha)\/models\/(.+):(generateContent|streamGenerateContent|countTokens)(?:\?(.*))?$/;

export type GeminiOperation = 'generateContent' | 'streamGenerateContent' | 'countTokens';

/**
 * The model and operation named by a Gemini request path (what a Gemini-speaking client calls; the gateway
 * routes by it). The model is decoded (raw or URL-encoded); undefined for other paths and bad encodings.
 */
export function parseGeminiPath(path: string): { model: string; operation: GeminiOperation; sse: boolean } | undefined {
  const m = PATH.exec(path);
  const model = m ? decodePathSegment(m[2]!) : undefined;
  if (!m || !model || isDotSegment(model)) return undefined;
  const query = new URLSearchParams(m[4] ?? '');
  return { model, operation: m[3] as GeminiOperation, sse: query.get('alt') === 'sse' };
}
