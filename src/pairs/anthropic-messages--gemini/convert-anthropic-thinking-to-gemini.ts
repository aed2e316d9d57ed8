import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { GeminiGenerationConfig, GeminiThinkingConfig } from '../../formats/gemini/types.js';

/**
 * Anthropic `thinking` and `output_config` -> Gemini `generationConfig.thinkingConfig`,
 * `responseMimeType`/`responseJsonSchema`.
 *
 * enabled{budget_tokens} -> thinkingBudget = budget; disabled -> thinkingBudget 0; adaptive ->
 * thinkingBudget -1 (automatic). `display: "omitted"` -> includeThoughts false, else true.
 * `output_config.effort` -> thinkingLevel when no thinking budget is set (Gemini refuses both).
 */
export function applyAnthropicThinking(
  thinking: unknown,
  outputConfig: unknown,
  config: GeminiGenerationConfig,
  losses: LossCollector,
): void {
  let tc: GeminiThinkingConfig | undefined;
  if (thinking !== undefined) {
    if (!isRecord(thinking)) losses.add('thinking', 'thinking must be an object');
    else {
      const include = thinking.display !== 'omitted';
      switch (thinking.type) {
        case 'enabled':
          if (typeof thinking.budget_tokens === 'number')
            tc = { includeThoughts: include, thinkingBudget: thinking.budget_tokens };
          else losses.add('thinking.budget_tokens', 'budget_tokens must be a number');
          break;
        case 'adaptive':
          tc = { includeThoughts: include, thinkingBudget: -1 };
          break;
        case 'disabled':
          tc = { thinkingBudget: 0 };
          break;
        default:
          losses.add('thinking.type', `thinking type ${JSON.stringify(thinking.type)} has no Gemini equivalent`);
      }
      losses.unknownKeys(thinking, THINKING_KEYS, 'thinking');
    }
  }
  if (outputConfig !== undefined) {
    if (!isRecord(outputConfig)) losses.add('output_config', 'output_config must be an object');
    else tc = applyOutputConfig(outputConfig, config, tc, losses);
  }
  if (tc) config.thinkingConfig = tc;
}

const THINKING_KEYS = new Set(['type', 'budget_tokens', 'display']);
const OUTPUT_KEYS = new Set(['effort', 'format']);
const LEVELS: Record<string, 'LOW' | 'MEDIUM' | 'HIGH'> = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH' };

function applyOutputConfig(
  oc: Record<string, unknown>,
  config: GeminiGenerationConfig,
  tc: GeminiThinkingConfig | undefined,
  losses: LossCollector,
): GeminiThinkingConfig | undefined {
  let out = tc;
  if (oc.effort !== undefined) {
    const level = typeof oc.effort === 'string' ? LEVELS[oc.effort] : undefined;
    if (out?.thinkingBudget !== undefined)
      losses.add('output_config.effort', 'Gemini takes a thinking budget or a level, not both: the budget is kept');
    else if (level) out = { ...out, thinkingLevel: level };
    else if (oc.effort === 'xhigh' || oc.effort === 'max') {
      out = { ...out, thinkingLevel: 'HIGH' };
      losses.add(
        'output_config.effort',
        `effort "${oc.effort}" is above Gemini's highest thinking level: HIGH is used`,
      );
    } else losses.add('output_config.effort', 'unknown effort');
  }
  if (oc.format !== undefined) {
    const f = oc.format;
    if (isRecord(f) && f.type === 'json_schema' && isRecord(f.schema)) {
      config.responseMimeType = 'application/json';
      config.responseJsonSchema = f.schema;
      losses.unknownKeys(f, FORMAT_KEYS, 'output_config.format');
    } else losses.add(childPath('output_config', 'format'), 'only json_schema output formats are supported');
  }
  losses.unknownKeys(oc, OUTPUT_KEYS, 'output_config');
  return out;
}

const FORMAT_KEYS = new Set(['type', 'schema']);
