import { TranslationError } from '../../core/errors.js';
import type { LossCollector } from '../../core/losses.js';
import type { AnthropicVersion } from '../../core/options.js';
import { convertGeminiSchemaToJsonSchema } from '../../formats/gemini/convert-gemini-schema-to-json-schema.js';
import { isRecord, isStringArray } from '../../formats/gemini/narrow.js';

/** Anthropic's `max_tokens` is required; Gemini's `maxOutputTokens` is not. Used when the client sent none. */
export const DEFAULT_MAX_TOKENS = 8192;
const MIN_THINKING_BUDGET = 1024;
const P = 'generationConfig';
const LEVELS: Record<string, string> = { MINIMAL: 'low', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' };

/**
 * Gemini `generationConfig` -> Anthropic sampling, `max_tokens`, `stop_sequences`, `thinking`
 * and `output_config`. Sampling parameters are dropped (as losses) under API version 2026-10-21,
 * which rejects them.
 */
export function applyGeminiGenerationConfig(gc: unknown, out: Record<string, unknown>, version: AnthropicVersion, losses: LossCollector): void {
  out.max_tokens = DEFAULT_MAX_TOKENS;
  if (gc === undefined) return;
  if (!isRecord(gc)) throw new TranslationError('invalid_input', 'generationConfig must be an object', { path: P });
  for (const key of Object.keys(gc)) {
    const v = gc[key];
    const at = `${P}.${key}`;
    switch (key) {
      case 'maxOutputTokens':
        if (typeof v !== 'number') throw new TranslationError('invalid_input', 'maxOutputTokens must be a number', { path: at });
        out.max_tokens = v;
        break;
      case 'stopSequences':
        if (!isStringArray(v)) throw new TranslationError('invalid_input', 'stopSequences must be strings', { path: at });
        if (v.length > 0) out.stop_sequences = v.slice();
        break;
      case 'temperature':
      case 'topP':
      case 'topK':
        applySampling(key, v, out, version, losses);
        break;
      case 'candidateCount':
        if (v !== 1) losses.add(at, 'Anthropic returns one candidate');
        break;
      case 'responseMimeType':
        if (v !== 'text/plain' && v !== 'application/json') losses.add(at, `response type ${JSON.stringify(v)} has no Anthropic equivalent`);
        break;
      case 'responseJsonSchema':
      case 'responseSchema':
        break;
      case 'thinkingConfig':
        applyThinking(v, out, losses);
        break;
      case 'responseModalities':
        if (!(Array.isArray(v) && v.every((m) => m === 'TEXT'))) losses.add(at, 'Anthropic answers in text only');
        break;
      default:
        losses.add(at, `${key} has no Anthropic equivalent`);
    }
  }
  applyJsonOutput(gc, out, losses);
}

function applySampling(key: 'temperature' | 'topP' | 'topK', v: unknown, out: Record<string, unknown>, version: AnthropicVersion, losses: LossCollector): void {
  const at = `${P}.${key}`;
  if (typeof v !== 'number') throw new TranslationError('invalid_input', `${key} must be a number`, { path: at });
  if (version === '2026-10-21') {
    losses.add(at, 'Anthropic API version 2026-10-21 rejects sampling parameters');
    return;
  }
  if (key === 'temperature') {
    if (v > 1) losses.add(at, 'Anthropic temperature is at most 1: clamped');
    out.temperature = Math.min(1, v);
  } else if (key === 'topP') out.top_p = v;
  else out.top_k = v;
}

function applyThinking(tc: unknown, out: Record<string, unknown>, losses: LossCollector): void {
  const at = `${P}.thinkingConfig`;
  if (!isRecord(tc)) throw new TranslationError('invalid_input', 'thinkingConfig must be an object', { path: at });
  losses.unknownKeys(tc, THINKING_KEYS, at);
  const display = tc.includeThoughts === true ? undefined : 'omitted';
  const budget = tc.thinkingBudget;
  if (typeof budget === 'number') {
    if (budget === 0) out.thinking = { type: 'disabled' };
    else if (budget < 0) out.thinking = display ? { type: 'adaptive', display } : { type: 'adaptive' };
    else {
      if (budget < MIN_THINKING_BUDGET) losses.add(`${at}.thinkingBudget`, `Anthropic thinking budgets start at ${MIN_THINKING_BUDGET}: raised`);
      const b = Math.max(MIN_THINKING_BUDGET, budget);
      out.thinking = display ? { type: 'enabled', budget_tokens: b, display } : { type: 'enabled', budget_tokens: b };
    }
  }
  if (typeof tc.thinkingLevel === 'string') {
    const effort = LEVELS[tc.thinkingLevel];
    if (!effort) throw new TranslationError('invalid_input', 'unknown thinkingLevel', { path: `${at}.thinkingLevel` });
    if (tc.thinkingLevel === 'MINIMAL') losses.add(`${at}.thinkingLevel`, 'Anthropic has no minimal effort: low is used');
    out.output_config = { ...(isRecord(out.output_config) ? out.output_config : {}), effort };
    if (out.thinking === undefined) out.thinking = display ? { type: 'adaptive', display } : { type: 'adaptive' };
  }
}

const THINKING_KEYS = new Set(['includeThoughts', 'thinkingBudget', 'thinkingLevel']);

function applyJsonOutput(gc: Record<string, unknown>, out: Record<string, unknown>, losses: LossCollector): void {
  let schema: unknown;
  if (isRecord(gc.responseJsonSchema)) schema = gc.responseJsonSchema;
  else if (gc.responseSchema !== undefined) schema = convertGeminiSchemaToJsonSchema(gc.responseSchema, `${P}.responseSchema`, losses);
  if (schema === undefined) {
    if (gc.responseMimeType === 'application/json') losses.add(`${P}.responseMimeType`, 'JSON output without a schema has no Anthropic equivalent');
    return;
  }
  if (gc.responseMimeType !== 'application/json') {
    losses.add(`${P}.responseMimeType`, 'a response schema only applies to application/json');
    return;
  }
  out.output_config = { ...(isRecord(out.output_config) ? out.output_config : {}), format: { type: 'json_schema', schema } };
}
