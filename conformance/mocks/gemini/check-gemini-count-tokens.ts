import { isRecord } from '../../../src/core/narrow.js';
import type { RequestValidator, RuleViolation } from '../mock-types.js';
import { checkGeminiRequest } from './check-gemini-request.js';
import { readGeminiJson } from './read-gemini-json.js';

const WRAPPER = 'generateContentRequest';

/**
 * The request a `countTokens` body counts: `generateContentRequest`, or `{ contents }` when the body sends
 * contents alone (the two are exclusive). Undefined when the body has neither.
 */
export function countedRequest(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isRecord(body[WRAPPER])) return body[WRAPPER];
  return body.contents === undefined ? undefined : { contents: body.contents };
}

function prefixed(violations: readonly RuleViolation[], prefix: string): RuleViolation[] {
  return violations.map((v) => ({ ...v, path: v.path === '' ? prefix : `${prefix}.${v.path}` }));
}

/**
 * A `models/{model}:countTokens` body: `{ contents }` or `{ generateContentRequest }` (exclusive; the wrapper is
 * a whole GenerateContentRequest with its own `model: "models/…"` and non-empty `contents`, held to the same
 * rules as `generateContent`). Nothing else at the top.
 */
export function checkGeminiCountTokens(body: Record<string, unknown>, validate: RequestValidator): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'contents' && key !== WRAPPER)
      out.push({ path: key, message: `Invalid JSON payload received. Unknown name "${key}": Cannot find field.` });
  }
  const wrapped = body[WRAPPER];
  if (wrapped !== undefined && body.contents !== undefined) {
    out.push({ path: '', message: 'contents and generateContentRequest are mutually exclusive: send one of them' });
    return out;
  }
  if (wrapped === undefined) {
    if (body.contents === undefined)
      out.push({ path: '', message: 'either contents or generateContentRequest must be set' });
    else out.push(...checkGeminiRequest(readGeminiJson({ contents: body.contents })));
    return out;
  }
  if (!isRecord(wrapped)) return [...out, { path: WRAPPER, message: 'generateContentRequest must be an object' }];
  const read = readGeminiJson(wrapped);
  if (typeof wrapped.model !== 'string' || !/^models\/[^/]+$/.test(wrapped.model)) {
    out.push({
      path: `${WRAPPER}.model`,
      message: 'GenerateContentRequest.model: required, in the form models/{model}',
    });
  }
  const spec = validate('gemini', read);
  if (!spec.ok)
    out.push(...prefixed(spec.errors, WRAPPER).map((e) => ({ path: e.path, message: `* ${e.path}: ${e.message}` })));
  out.push(...prefixed(checkGeminiRequest(read), WRAPPER));
  return out;
}
