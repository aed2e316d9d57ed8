import type { Loss } from '../../src/core/losses.js';
import { isRecord } from '../../src/core/narrow.js';
import { DEFAULT_MAX_TOKENS } from '../../src/pairs/anthropic-messages--gemini/convert-generation-config.js';
import { normalizeAnthropicRequest } from './normalize-requests.js';

/**
 * Provider-format clients (`provider-client-requests.test.ts`): a Gemini, Converse, InvokeModel or Vertex client
 * talking to crosswire, whose request is translated to Anthropic Messages (and, through the hub, further).
 * This file holds the normal forms of the round trip provider -> Messages -> provider, which losses count as declared,
 * and the signatures compared byte for byte.
 */

export const PROVIDER_CLIENTS = ['gemini', 'bedrock-converse', 'bedrock-invoke', 'vertex-anthropic'] as const;
export type ProviderClient = (typeof PROVIDER_CLIENTS)[number];

type Json = Record<string, unknown>;

/**
 * The client paths a round trip may leave out or change. `expected`: removed from the original (every loss of the
 * way there). `both`: also removed from the result — a declared loss at a config field (no array index in the path)
 * may have *changed* the value rather than dropped it (a `topP` raised to 0.95, a budget lowered), so it is compared
 * on neither side; a loss inside `contents`/`messages` drops a node and is removed from the original only (removing
 * it from the result by index would hide a different node). `unexplained`: losses of the way back (Messages ->
 * provider), none of which the generated requests should cause.
 */
export function declaredClientLossPaths(
  there: readonly Loss[],
  back: readonly Loss[],
): { expected: string[]; both: string[]; unexplained: Loss[] } {
  const expected = there.map((l) => l.path);
  return { expected, both: expected.filter((p) => !p.includes('[')), unexplained: [...back] };
}

// ---------------------------------------------------------------------------------------------------------------
// Gemini

/**
 * The Gemini normal form (spellings Anthropic Messages cannot tell apart):
 * - role merging: consecutive contents of one role ≡ one content with their parts concatenated (Gemini clients
 *   record a streamed answer as one model content per chunk; crosswire reads them as one Anthropic turn), and an
 *   absent `role` ≡ `user`;
 * - snake_case field names ≡ lowerCamelCase (the proto3 JSON mapping accepts both; crosswire reads both and writes
 *   lowerCamelCase): keys are camel-cased, except inside data (`args`, `response`, schema `properties` names);
 * - `maxOutputTokens` absent ≡ `DEFAULT_MAX_TOKENS` (Anthropic requires `max_tokens`, crosswire adds it);
 * - `thinkingConfig.includeThoughts: false` ≡ absent, `thinkingBudget: -1` ≡ absent (the model decides: Gemini's
 *   default, Anthropic's adaptive thinking); an empty `generationConfig` ≡ absent;
 * - `functionCall.id` / `functionResponse.id`: an id crosswire mints for a call without one (`toolu_gemini_…`) is
 *   never sent back, so absent ≡ absent; an id the client sent must come back unchanged (compared as is);
 * - thought signatures: Gemini puts the signature of a thought run on the first `functionCall` after it, else on
 *   the last text part after it (with `includeThoughts: false` there is no thought part, only that signature). An
 *   Anthropic thinking block carries the signature on the thinking itself (Claude checks it there), so it cannot say
 *   which part had it, and the way back puts it on a thought part (an empty one when there was no thought text).
 *   Normal form: the signature of a thought run (on any of its parts) is on Gemini's part (first `functionCall`
 *   after the run, else the last text part before the next thought), when that part has none of its own; an empty
 *   thought part without a signature ≡ absent. The signatures are compared byte for byte, in order
 *   (`clientSignatures`).
 */
export function normalizeGeminiClientRequest(req: unknown): unknown {
  if (!isRecord(req)) return req;
  const out: Json = camelKeys(req) as Json;
  if (Array.isArray(out.contents))
    out.contents = mergeRoles(out.contents).map((c) => ({ ...c, parts: normalizeSignatures(c.parts) }));
  const gc: Json = isRecord(out.generationConfig) ? { ...out.generationConfig } : {};
  if (gc.maxOutputTokens === undefined || gc.maxOutputTokens === DEFAULT_MAX_TOKENS) delete gc.maxOutputTokens;
  if (isRecord(gc.thinkingConfig)) {
    const tc: Json = { ...gc.thinkingConfig };
    if (tc.includeThoughts === false) delete tc.includeThoughts;
    if (tc.thinkingBudget === -1) delete tc.thinkingBudget;
    if (Object.keys(tc).length === 0) delete gc.thinkingConfig;
    else gc.thinkingConfig = tc;
  }
  if (Object.keys(gc).length === 0) delete out.generationConfig;
  else out.generationConfig = gc;
  return out;
}

/** Field names in lowerCamelCase; data keeps its keys: `args`, `response`, JSON schemas, a Schema's `properties` names. */
function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (!isRecord(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    const name = k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (DATA_FIELDS.has(name)) out[name] = x;
    else if (name === 'properties' && isRecord(x))
      out[name] = Object.fromEntries(Object.entries(x).map(([p, s]) => [p, camelKeys(s)]));
    else out[name] = camelKeys(x);
  }
  return out;
}

const DATA_FIELDS = new Set(['args', 'response', 'parametersJsonSchema', 'responseJsonSchema', 'default', 'example']);

function mergeRoles(contents: unknown[]): Array<{ role: unknown; parts: unknown[] }> {
  const out: Array<{ role: unknown; parts: unknown[] }> = [];
  for (const c of contents) {
    if (!isRecord(c)) continue;
    const role = c.role ?? 'user';
    const parts = Array.isArray(c.parts) ? c.parts : [];
    const last = out[out.length - 1];
    if (last && last.role === role) last.parts = [...last.parts, ...parts];
    else out.push({ role, parts });
  }
  return out;
}

function normalizeSignatures(parts: unknown[]): unknown[] {
  const out = parts.map((p) => (isRecord(p) ? { ...p } : p));
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (!isRecord(p) || p.thought !== true) continue;
    // a thought run: its signature, taken off its parts
    let sig: unknown;
    let end = i;
    for (; end < out.length; end++) {
      const q = out[end];
      if (!isRecord(q) || q.thought !== true) break;
      if (typeof q.thoughtSignature === 'string') sig = q.thoughtSignature;
      delete q.thoughtSignature;
    }
    const last = out[end - 1] as Json;
    if (typeof sig === 'string') {
      // Gemini's place: the first functionCall after the run, else the last text part, before the next thought
      let target: Json | undefined;
      for (let k = end; k < out.length; k++) {
        const q = out[k];
        if (!isRecord(q) || q.thought === true) break;
        if (q.functionCall !== undefined) {
          target = q;
          break;
        }
        if (typeof q.text === 'string') target = q;
      }
      if (target && target.thoughtSignature === undefined) target.thoughtSignature = sig;
      else last.thoughtSignature = sig;
    }
    i = end - 1;
  }
  // an empty thought part left without a signature says nothing
  return out.filter((p) => !(isRecord(p) && p.thought === true && p.text === '' && p.thoughtSignature === undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Converse

/**
 * The Converse normal form:
 * - `inferenceConfig.maxTokens` absent ≡ 4096 (crosswire's default `max_tokens`); an empty `inferenceConfig` ≡ absent;
 * - `toolResult.status: "success"` ≡ absent (Anthropic says only `is_error`);
 * - consecutive messages of one role ≡ one message with their blocks concatenated (Anthropic merges them).
 */
export function normalizeConverseClientRequest(req: unknown): unknown {
  if (!isRecord(req)) return req;
  const out: Json = { ...req };
  const ic: Json = isRecord(out.inferenceConfig) ? { ...out.inferenceConfig } : {};
  if (ic.maxTokens === undefined || ic.maxTokens === CONVERSE_DEFAULT_MAX_TOKENS) delete ic.maxTokens;
  if (Object.keys(ic).length === 0) delete out.inferenceConfig;
  else out.inferenceConfig = ic;
  if (Array.isArray(out.messages)) {
    const merged: Array<{ role: unknown; content: unknown[] }> = [];
    for (const m of out.messages) {
      if (!isRecord(m)) continue;
      const content = (Array.isArray(m.content) ? m.content : []).map(withoutSuccessStatus);
      const last = merged[merged.length - 1];
      if (last && last.role === m.role) last.content = [...last.content, ...content];
      else merged.push({ role: m.role, content });
    }
    out.messages = merged;
  }
  return out;
}

/** `max_tokens` crosswire sends Anthropic for a Converse request without `inferenceConfig.maxTokens`. */
const CONVERSE_DEFAULT_MAX_TOKENS = 4096;

function withoutSuccessStatus(b: unknown): unknown {
  if (!isRecord(b) || !isRecord(b.toolResult) || b.toolResult.status !== 'success') return b;
  const { status: _status, ...rest } = b.toolResult;
  return { ...b, toolResult: rest };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The normal form of a provider-client request for the round trip. InvokeModel and Vertex bodies are Anthropic
 * bodies: `normalizeAnthropicRequest` (string content ≡ one text block, same-role messages merged, defaults ≡ absent).
 */
export function normalizeProviderClientRequest(format: ProviderClient, req: unknown): unknown {
  switch (format) {
    case 'gemini':
      return normalizeGeminiClientRequest(req);
    case 'bedrock-converse':
      return normalizeConverseClientRequest(req);
    case 'bedrock-invoke':
    case 'vertex-anthropic':
      return normalizeAnthropicRequest(req);
  }
}

/** The thinking signatures of a provider-client request, in order (compared byte for byte). */
export function clientSignatures(format: ProviderClient, req: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(req)) return out;
  if (format === 'gemini') {
    for (const c of Array.isArray(req.contents) ? req.contents : []) {
      if (!isRecord(c) || !Array.isArray(c.parts)) continue;
      for (const p of c.parts) if (isRecord(p) && typeof p.thoughtSignature === 'string') out.push(p.thoughtSignature);
    }
    return out;
  }
  for (const m of Array.isArray(req.messages) ? req.messages : []) {
    if (!isRecord(m) || !Array.isArray(m.content)) continue;
    for (const b of m.content) {
      if (!isRecord(b)) continue;
      if (format === 'bedrock-converse' && isRecord(b.reasoningContent) && isRecord(b.reasoningContent.reasoningText)) {
        const s = b.reasoningContent.reasoningText.signature;
        if (typeof s === 'string') out.push(s);
      } else if (b.type === 'thinking' && typeof b.signature === 'string') out.push(b.signature);
    }
  }
  return out;
}
