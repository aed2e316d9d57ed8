import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, optionalNumber, requireString } from '../../core/require.js';

/**
 * Request fields that OpenAI's Chat Completions and Responses APIs share, to and from Anthropic Messages
 * (docs/mappings-anthropic-openai.md, docs/mappings-anthropic-responses.md): who the end user is, the service tier,
 * and the tool choice (docs/wire-formats.md#cross-walk-roles-tools).
 */

/** `safety_identifier` (else the older `user`) -> Anthropic `metadata.user_id`; a `user` that differs is a loss. */
export function openaiUserToAnthropicMetadata(
  body: JsonObject,
  losses: LossCollector,
): { user_id: string } | undefined {
  const sid = body.safety_identifier;
  const user = body.user;
  if (typeof sid === 'string') {
    if (typeof user === 'string' && user !== sid)
      losses.add('user', 'safety_identifier takes precedence over user for metadata.user_id');
    return { user_id: sid };
  }
  return typeof user === 'string' ? { user_id: user } : undefined;
}

/** OpenAI `service_tier` -> Anthropic: `auto` stays, `default` is `standard_only`; `flex`, `priority`… are losses. */
export function openaiServiceTierToAnthropic(tier: unknown, losses: LossCollector): string | undefined {
  if (tier === undefined || tier === null) return undefined;
  if (tier === 'auto') return 'auto';
  if (tier === 'default') return 'standard_only';
  losses.add('service_tier', `service_tier ${JSON.stringify(tier)} has no Anthropic equivalent`);
  return undefined;
}

/** Anthropic `service_tier` -> OpenAI: `auto` stays, `standard_only` is `default`; anything else is a loss. */
export function anthropicServiceTierToOpenAI(tier: unknown, losses: LossCollector): string | undefined {
  if (tier === undefined || tier === null) return undefined;
  if (tier === 'auto') return 'auto';
  if (tier === 'standard_only') return 'default';
  losses.add('service_tier', 'unknown service_tier');
  return undefined;
}

export interface OpenAIToolChoice {
  tool_choice?: unknown;
  parallel_tool_calls?: boolean;
}

const TOOL_CHOICE_KEYS = new Set(['type', 'name', 'disable_parallel_tool_use']);

/**
 * Anthropic `tool_choice` -> OpenAI `tool_choice` and `parallel_tool_calls`: `auto`, `any` -> `required`, `none`;
 * `tool` -> `named(name)`, the API's own form of a forced tool; `disable_parallel_tool_use` -> its opposite
 * `parallel_tool_calls` (not with `none`).
 */
export function anthropicToolChoiceToOpenAI(
  choice: unknown,
  named: (name: string) => unknown,
  losses: LossCollector,
): OpenAIToolChoice {
  const p = 'tool_choice';
  if (!isRecord(choice)) throw invalid('tool_choice must be an object', p);
  losses.unknownKeys(choice, TOOL_CHOICE_KEYS, p);
  const out: OpenAIToolChoice = {};
  switch (choice.type) {
    case 'auto':
      out.tool_choice = 'auto';
      break;
    case 'any':
      out.tool_choice = 'required';
      break;
    case 'none':
      out.tool_choice = 'none';
      break;
    case 'tool':
      out.tool_choice = named(requireString(choice.name, p, 'name'));
      break;
    default:
      throw invalid('tool_choice.type must be auto, any, tool or none', childPath(p, 'type'));
  }
  if (typeof choice.disable_parallel_tool_use === 'boolean' && choice.type !== 'none')
    out.parallel_tool_calls = !choice.disable_parallel_tool_use;
  return out;
}

/**
 * OpenAI `tool_choice` and `parallel_tool_calls` -> Anthropic `tool_choice` (undefined: leave the default). The modes
 * `auto`, `required` -> `any`, `none` are the same in Chat and Responses; an object choice is the API's own
 * (`fromObject`); anything else is an input error.
 */
export function openaiToolChoiceToAnthropic(
  choice: unknown,
  parallel: unknown,
  fromObject: (choice: JsonObject) => JsonObject | undefined,
): JsonObject | undefined {
  let out: JsonObject | undefined;
  if (choice === 'auto') out = { type: 'auto' };
  else if (choice === 'required') out = { type: 'any' };
  else if (choice === 'none') out = { type: 'none' };
  else if (isRecord(choice)) out = fromObject(choice);
  else if (choice !== undefined && choice !== null) throw invalid('unknown tool_choice', 'tool_choice');
  return withParallelToolCalls(out, parallel);
}

/**
 * OpenAI `parallel_tool_calls` folded into the Anthropic `tool_choice` made so far (`out`): `false` without a choice
 * is `auto` with `disable_parallel_tool_use`; `none` takes no switch.
 */
function withParallelToolCalls(out: JsonObject | undefined, parallel: unknown): JsonObject | undefined {
  if (parallel === undefined || parallel === null) return out;
  if (typeof parallel !== 'boolean') throw invalid('parallel_tool_calls must be a boolean', 'parallel_tool_calls');
  const choice = out === undefined && !parallel ? { type: 'auto' } : out;
  if (choice !== undefined && choice.type !== 'none') choice.disable_parallel_tool_use = !parallel;
  return choice;
}

/** The name an OpenAI `json_schema` format made from an Anthropic `output_config.format` gets (OpenAI requires one). */
export const DEFAULT_SCHEMA_NAME = 'response';

/**
 * An OpenAI `json_schema` format (Chat's `response_format.json_schema`, Responses' `text.format`) at `path` ->
 * an Anthropic `output_config.format`: the schema is carried (an object schema when it has none); keys outside
 * `known`, a name of its own, a description and `strict: false` are losses.
 */
export function openaiJsonSchemaToAnthropicFormat(
  js: JsonObject,
  path: string,
  known: ReadonlySet<string>,
  losses: LossCollector,
): JsonObject {
  losses.unknownKeys(js, known, path);
  if (typeof js.name === 'string' && js.name !== DEFAULT_SCHEMA_NAME)
    losses.add(childPath(path, 'name'), 'Anthropic output formats have no name');
  if (typeof js.description === 'string')
    losses.add(childPath(path, 'description'), 'Anthropic output formats have no description');
  if (js.strict === false)
    losses.add(childPath(path, 'strict'), 'Anthropic structured outputs always follow the schema strictly');
  return { type: 'json_schema', schema: isRecord(js.schema) ? js.schema : { type: 'object' } };
}

/**
 * OpenAI `temperature` and `top_p` (and `top_k`, which OpenAI-compatible servers take: `withTopK`) -> the Anthropic
 * request `out` (docs/wire-formats.md#anthropic-request). Anthropic API version 2026-10-21 takes none of them (each
 * is a loss); otherwise the temperature is clamped to 0-1 (a loss when it was outside), and while the model
 * `thinks` Anthropic takes only temperature 1 and a top_p of at least 0.95 (others are losses).
 */
export function openaiSamplingToAnthropic(
  body: JsonObject,
  out: JsonObject,
  options: { version: string; thinks: boolean; withTopK: boolean },
  losses: LossCollector,
): void {
  const temperature = optionalNumber(body, 'temperature');
  const topP = optionalNumber(body, 'top_p');
  const topK = options.withTopK ? optionalNumber(body, 'top_k') : undefined;
  if (options.version === '2026-10-21') {
    if (temperature !== undefined)
      losses.add('temperature', 'Anthropic API version 2026-10-21 does not accept temperature');
    if (topP !== undefined) losses.add('top_p', 'Anthropic API version 2026-10-21 does not accept top_p');
    if (topK !== undefined) losses.add('top_k', 'Anthropic API version 2026-10-21 does not accept top_k');
    return;
  }
  if (topK !== undefined) out.top_k = topK;
  if (temperature !== undefined && options.thinks && temperature !== 1)
    losses.add('temperature', 'Anthropic takes only temperature 1 while it thinks');
  else if (temperature !== undefined) {
    out.temperature = Math.min(1, Math.max(0, temperature));
    if (temperature > 1 || temperature < 0)
      losses.add('temperature', `Anthropic temperature range is 0-1; ${temperature} clamped to ${out.temperature}`);
  }
  if (topP !== undefined && options.thinks && topP < 0.95)
    losses.add('top_p', 'Anthropic takes top_p of at least 0.95 while it thinks');
  else if (topP !== undefined) out.top_p = topP;
}
