import { TranslationError } from '../../core/errors.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, isStringArray } from '../../core/narrow.js';
import type { AnthropicVersion } from '../../core/options.js';
import { convertGeminiSchemaToJsonSchema } from '../../formats/gemini/convert-gemini-schema-to-json-schema.js';

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
export function applyGeminiGenerationConfig(
  gc: unknown,
  out: Record<string, unknown>,
  version: AnthropicVersion,
  losses: LossCollector,
): void {
  out.max_tokens = DEFAULT_MAX_TOKENS;
  if (gc === undefined) return;
  if (!isRecord(gc)) throw new TranslationError('invalid_input', 'generationConfig must be an object', { path: P });
  for (const key of Object.keys(gc)) {
    const v = gc[key];
    const at = `${P}.${key}`;
    switch (key) {
      case 'maxOutputTokens':
        if (typeof v !== 'number')
          throw new TranslationError('invalid_input', 'maxOutputTokens must be a number', { path: at });
        out.max_tokens = v;
        break;
      case 'stopSequences':
        if (!isStringArray(v))
          throw new TranslationError('invalid_input', 'stopSequences must be strings', { path: at });
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
        if (v !== 'text/plain' && v !== 'application/json')
          losses.add(at, `response type ${JSON.stringify(v)} has no Anthropic equivalent`);
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

function applySampling(
  key: 'temperature' | 'topP' | 'topK',
  v: unknown,
  out: Record<string, unknown>,
  version: AnthropicVersion,
  losses: LossCollector,
): void {
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
  if (budget !== undefined && typeof budget !== 'number') {
    throw new TranslationError('invalid_input', 'thinkingBudget must be a number', { path: `${at}.thinkingBudget` });
  }
  if (typeof budget === 'number') {
    if (budget === 0) out.thinking = { type: 'disabled' };
    else if (budget < 0) out.thinking = display ? { type: 'adaptive', display } : { type: 'adaptive' };
    else {
      if (budget < MIN_THINKING_BUDGET)
        losses.add(`${at}.thinkingBudget`, `Anthropic thinking budgets start at ${MIN_THINKING_BUDGET}: raised`);
      const b = Math.max(MIN_THINKING_BUDGET, budget);
      out.thinking = display ? { type: 'enabled', budget_tokens: b, display } : { type: 'enabled', budget_tokens: b };
    }
  }
  if (budget === undefined && tc.thinkingLevel === undefined && tc.includeThoughts === true) {
    // thoughts asked for with Gemini's default (dynamic) budget: Anthropic's adaptive thinking
    out.thinking = { type: 'adaptive' };
  }
  if (typeof tc.thinkingLevel === 'string') {
    const effort = LEVELS[tc.thinkingLevel];
    if (!effort) throw new TranslationError('invalid_input', 'unknown thinkingLevel', { path: `${at}.thinkingLevel` });
    if (tc.thinkingLevel === 'MINIMAL')
      losses.add(`${at}.thinkingLevel`, 'Anthropic has no minimal effort: low is used');
    out.output_config = { ...(isRecord(out.output_config) ? out.output_config : {}), effort };
    if (out.thinking === undefined) out.thinking = display ? { type: 'adaptive', display } : { type: 'adaptive' };
  }
}

const THINKING_KEYS = new Set(['includeThoughts', 'thinkingBudget', 'thinkingLevel']);

function applyJsonOutput(gc: Record<string, unknown>, out: Record<string, unknown>, losses: LossCollector): void {
  let schema: unknown;
  if (isRecord(gc.responseJsonSchema)) schema = gc.responseJsonSchema;
  else if (gc.responseSchema !== undefined)
    schema = convertGeminiSchemaToJsonSchema(gc.responseSchema, `${P}.responseSchema`, losses);
  if (schema === undefined) {
    if (gc.responseMimeType === 'application/json')
      losses.add(`${P}.responseMimeType`, 'JSON output without a schema has no Anthropic equivalent');
    return;
  }
  if (gc.responseMimeType !== 'application/json') {
    // the loss is at the field the client sent: the schema (the MIME type may be absent)
    const key = isRecord(gc.responseJsonSchema) ? 'responseJsonSchema' : 'responseSchema';
    losses.add(`${P}.${key}`, 'a response schema only applies to responseMimeType application/json');
    return;
  }
  out.output_config = {
    ...(isRecord(out.output_config) ? out.output_config : {}),
    format: { type: 'json_schema', schema },
  };
}

const MIN_THINKING_TOP_P = 0.95;

/**
 * Anthropic rejects requests Gemini accepts once thinking is on (extended-thinking "feature compatibility"):
 * a forced tool call (`tool_choice` any/tool), `temperature` other than 1, `top_k`, `top_p` below 0.95, and a
 * budget that is not below `max_tokens`. Called once `tool_choice` is known; each change is a loss.
 *
 * - forced tool use wins over thinking (the client asked for a call): thinking is not sent;
 * - a budget at or above an explicit `maxOutputTokens` is lowered to `max_tokens - 1` (Gemini counts thoughts
 *   inside `maxOutputTokens` too); when that is below Anthropic's minimum, thinking is not sent;
 *   without `maxOutputTokens`, `max_tokens` is raised to leave `DEFAULT_MAX_TOKENS` for the answer;
 * - while a tool loop is open (the last message answers the calls of the assistant turn before it), that
 *   assistant turn must start with a thinking block; clients that rebuild history from the function calls
 *   alone drop the thought parts, and thinking is then not sent.
 */
export function reconcileThinking(gc: unknown, out: Record<string, unknown>, losses: LossCollector): void {
  const thinking = out.thinking;
  if (!isRecord(thinking) || thinking.type === 'disabled') return;
  const at = `${P}.thinkingConfig`;
  const choice = out.tool_choice;
  if (isRecord(choice) && (choice.type === 'any' || choice.type === 'tool')) {
    delete out.thinking;
    losses.add(at, 'Anthropic does not allow thinking when a function call is forced (mode ANY): thinking is not sent');
    return;
  }
  if (loopWithoutThinking(out.messages)) {
    delete out.thinking;
    losses.add(
      at,
      'the last model turn with function calls has no signed thought part (Anthropic needs it to think while using tools): thinking is not sent',
    );
    return;
  }
  if (thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number' && typeof out.max_tokens === 'number') {
    const budget = thinking.budget_tokens;
    const explicit = isRecord(gc) && typeof gc.maxOutputTokens === 'number';
    if (budget >= out.max_tokens) {
      if (!explicit) out.max_tokens = budget + DEFAULT_MAX_TOKENS;
      else if (out.max_tokens - 1 >= MIN_THINKING_BUDGET) {
        out.thinking = { ...thinking, budget_tokens: out.max_tokens - 1 };
        losses.add(
          `${at}.thinkingBudget`,
          'Anthropic thinking budgets must be below max_tokens (maxOutputTokens): lowered',
        );
      } else {
        delete out.thinking;
        losses.add(
          at,
          `maxOutputTokens leaves no room for Anthropic's minimum thinking budget (${MIN_THINKING_BUDGET}): thinking is not sent`,
        );
        return;
      }
    }
  }
  if (out.temperature !== undefined && out.temperature !== 1) {
    delete out.temperature;
    losses.add(`${P}.temperature`, 'Anthropic does not allow a temperature other than 1 with thinking: not sent');
  }
  if (out.top_k !== undefined) {
    delete out.top_k;
    losses.add(`${P}.topK`, 'Anthropic does not allow top_k with thinking: not sent');
  }
  if (typeof out.top_p === 'number' && out.top_p < MIN_THINKING_TOP_P) {
    out.top_p = MIN_THINKING_TOP_P;
    losses.add(`${P}.topP`, `Anthropic allows top_p from ${MIN_THINKING_TOP_P} to 1 with thinking: raised`);
  }
}

/** The conversation continues a tool loop whose assistant turn does not start with a thinking block. */
function loopWithoutThinking(messages: unknown): boolean {
  if (!Array.isArray(messages) || messages.length < 2) return false;
  const last = messages[messages.length - 1];
  const previous = messages[messages.length - 2];
  if (!isRecord(last) || !isRecord(previous) || last.role !== 'user' || previous.role !== 'assistant') return false;
  const answers = Array.isArray(last.content) && last.content.some((b) => isRecord(b) && b.type === 'tool_result');
  const content = Array.isArray(previous.content) ? previous.content : [];
  const calls = content.some((b) => isRecord(b) && b.type === 'tool_use');
  if (!answers || !calls) return false;
  const first = content[0];
  return !(isRecord(first) && (first.type === 'thinking' || first.type === 'redacted_thinking'));
}
