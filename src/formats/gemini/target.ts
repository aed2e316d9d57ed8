/**
 * Where a Gemini request goes: the model and the streaming choice live in the URL, not the body
 * (wire-formats §4.1). Paths are relative to the API root (`https://generativelanguage.googleapis.com`).
 */
export interface GeminiTarget {
  path: string;
  model: string;
  stream: boolean;
}

export function geminiTarget(model: string, stream: boolean, apiVersion = 'v1beta'): GeminiTarget {
  const m = encodeURIComponent(model);
  const path = stream ? `/${apiVersion}/models/${m}:streamGenerateContent?alt=sse` : `/${apiVersion}/models/${m}:generateContent`;
  return { path, model, stream };
}

const PATH = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)(?:\?(.*))?$/;

/** The model and operation named by a Gemini request path (what a Gemini-speaking client calls). */
export function parseGeminiPath(path: string): { model: string; operation: 'generateContent' | 'streamGenerateContent' | 'countTokens'; sse: boolean } | undefined {
  const m = PATH.exec(path);
  if (!m) return undefined;
  const operation = m[3] as 'generateContent' | 'streamGenerateContent' | 'countTokens';
  const query = new URLSearchParams(m[4] ?? '');
  return { model: decodeURIComponent(m[2]!), operation, sse: query.get('alt') === 'sse' };
}
