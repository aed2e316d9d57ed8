import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { type NotCarried, reportNotCarried } from '../../core/not-carried.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { invalid, optionalNumber, requireObjectBody } from '../../core/require.js';
import {
  openaiJsonSchemaToAnthropicFormat,
  openaiSamplingToAnthropic,
  openaiServiceTierToAnthropic,
  openaiUserToAnthropicMetadata,
} from '../../formats/openai-chat/anthropic-request-fields.js';
import {
  BUDGET_BY_EFFORT,
  isReasoningEffort,
  MIN_THINKING_BUDGET,
} from '../../formats/openai-chat/reasoning-effort.js';
import { collectResponsesToolNames } from '../../formats/openai-responses/tool-names.js';
import { convertInputToAnthropic } from './convert-input-to-anthropic.js';
import { convertToolChoiceToAnthropic, convertToolsToAnthropic, type ToolState } from './convert-tools-to-anthropic.js';
import { CONTEXT_KEY, DEFAULT_MAX_TOKENS, NAMESPACE_SEPARATOR } from './extensions.js';
import { createAnthropicToolNamer, type ResponsesContext } from './map-tool-names.js';
import type { MessageCreateParamsOut } from './types.js';

/** OpenAI Responses request -> Anthropic Messages request. See docs/mappings-anthropic-responses.md. */

/** The Anthropic beta a request needs when it names files by id. */
export const FILES_BETA = 'files-api-2025-04-14';

/** Fields that need the server's state: a stateless translation refuses them, naming the field. */
const STATEFUL: Record<string, { refused: (v: unknown) => boolean; reason: string }> = {
  previous_response_id: {
    refused: (v) => v !== null && v !== undefined,
    reason:
      'previous_response_id refers to a response stored by the server; a stateless translation cannot carry it: send the whole conversation in input',
  },
  conversation: {
    refused: (v) => v !== null && v !== undefined,
    reason:
      'conversation refers to a conversation stored by the server; a stateless translation cannot carry it: send the whole conversation in input',
  },
  background: {
    refused: (v) => v === true,
    reason: 'background responses are stored and polled on the server; a stateless translation cannot run them',
  },
  prompt: {
    refused: (v) => v !== null && v !== undefined,
    reason: 'prompt refers to a prompt template stored by the server; a stateless translation cannot expand it',
  },
};

/** Fields with no Anthropic equivalent, and the values that mean "not used" (those are not losses). */
const NOT_CARRIED: Record<string, NotCarried> = {
  store: {
    reason: 'Anthropic does not store responses: no later request can refer to this one',
    inert: (v) => v === false,
  },
  metadata: {
    reason: 'Anthropic metadata only has user_id',
    inert: (v) => isRecord(v) && Object.keys(v).length === 0,
  },
  prompt_cache_key: { reason: 'Anthropic caches by cache_control breakpoints, not keys' },
  prompt_cache_retention: { reason: 'Anthropic sets cache lifetime per breakpoint (cache_control.ttl)' },
  prompt_cache_options: { reason: 'Anthropic caches by cache_control breakpoints' },
  truncation: {
    reason: 'Anthropic does not drop input to fit the context window; an over-long request fails',
    inert: (v) => v === 'disabled',
  },
  top_logprobs: { reason: 'Anthropic has no log probabilities', inert: (v) => v === 0 },
  max_tool_calls: { reason: 'Anthropic has no limit on the number of tool calls' },
  context_management: {
    reason: 'Responses context management has no Anthropic equivalent',
    inert: (v) => Array.isArray(v) && v.length === 0,
  },
  moderation: { reason: 'Anthropic has no moderation option' },
};
const HANDLED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'text',
  'reasoning',
  'max_output_tokens',
  'temperature',
  'top_p',
  'stream',
  'stream_options',
  'include',
  'service_tier',
  'safety_identifier',
  'user',
  ...Object.keys(STATEFUL),
]);

/** `include` values that are carried (reasoning signatures always are; web search sources when searched). */
const INCLUDE_CARRIED = new Set(['reasoning.encrypted_content', 'web_search_call.action.sources']);

/** The request settings a Responses response echoes. */
const ECHO_KEYS = [
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'max_tool_calls',
  'temperature',
  'top_p',
  'top_logprobs',
  'metadata',
  'text',
  'reasoning',
  'truncation',
  'store',
  'service_tier',
  'prompt_cache_key',
  'safety_identifier',
  'user',
];

const KEYS_FORMAT_VERBOSITY = new Set(['format', 'verbosity']);
const KEYS_JSON_SCHEMA = new Set(['type', 'name', 'schema', 'strict', 'description']);
const KEYS_REASONING = new Set(['effort', 'summary', 'generate_summary']);
const KEYS_STREAM_OPTIONS = new Set(['include_obfuscation']);

function convertText(text: unknown, losses: LossCollector): JsonObject | undefined {
  if (text === undefined || text === null) return undefined;
  if (!isRecord(text)) throw invalid('text must be an object', 'text');
  losses.unknownKeys(text, KEYS_FORMAT_VERBOSITY, 'text');
  if (text.verbosity !== undefined && text.verbosity !== null && text.verbosity !== 'medium')
    losses.add('text.verbosity', 'Anthropic has no verbosity setting');
  const f = text.format;
  if (f === undefined || f === null) return undefined;
  const p = 'text.format';
  if (!isRecord(f)) throw invalid('text.format must be an object', p);
  if (f.type === 'text') return undefined;
  if (f.type === 'json_object') {
    losses.add(p, 'json_object mode has no Anthropic equivalent without a schema; not carried');
    return undefined;
  }
  if (f.type !== 'json_schema') throw invalid('unknown text.format type', childPath(p, 'type'));
  return openaiJsonSchemaToAnthropicFormat(f, p, KEYS_JSON_SCHEMA, losses);
}

/**
 * `reasoning` -> a thinking budget: the effort's budget (`none` turns thinking off). A reasoning object that asks
 * for a summary but names no effort gets the Responses default, `medium`. Returns the budget (0: disabled) or
 * undefined (no thinking asked for).
 */
function reasoningBudget(reasoning: unknown, losses: LossCollector): number | undefined {
  if (reasoning === undefined || reasoning === null) return undefined;
  if (!isRecord(reasoning)) throw invalid('reasoning must be an object', 'reasoning');
  losses.unknownKeys(reasoning, KEYS_REASONING, 'reasoning');
  const effort = reasoning.effort;
  const summary = reasoning.summary ?? reasoning.generate_summary;
  if (effort === undefined || effort === null) {
    return summary === undefined || summary === null ? undefined : BUDGET_BY_EFFORT.medium;
  }
  if (!isReasoningEffort(effort)) throw invalid('unknown reasoning effort', 'reasoning.effort');
  return effort === 'none' ? 0 : BUDGET_BY_EFFORT[effort];
}

function convertIncludes(include: unknown, losses: LossCollector): void {
  if (include === undefined || include === null) return;
  if (!Array.isArray(include)) throw invalid('include must be an array', 'include');
  include.forEach((v, i) => {
    if (typeof v !== 'string' || !INCLUDE_CARRIED.has(v))
      losses.add(childPath('include', i), `include ${JSON.stringify(v)} has no Anthropic equivalent`);
  });
}

export function responsesRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<MessageCreateParamsOut> {
  requireObjectBody(body);
  if (typeof body.model !== 'string') throw invalid('model must be a string', 'model');
  for (const [key, rule] of Object.entries(STATEFUL)) {
    if (rule.refused(body[key])) throw new TranslationError('unsupported', rule.reason, { path: key });
  }
  const version = options.anthropicVersion ?? '2023-06-01';
  const losses = new LossCollector(options.strict);
  const names = createAnthropicToolNamer(collectResponsesToolNames(body, NAMESPACE_SEPARATOR));
  const context: RequestContext = { clientModel: body.model, anthropicVersion: version };

  const inputState = { losses, names, usesFiles: false };
  const conv = convertInputToAnthropic(body.instructions, body.input, inputState);
  const out: JsonObject = { model: body.model };

  const budget = reasoningBudget(body.reasoning, losses);
  const max = optionalNumber(body, 'max_output_tokens');
  if (max !== undefined) out.max_tokens = max;
  else {
    out.max_tokens = DEFAULT_MAX_TOKENS + (budget ?? 0);
    losses.add(
      'max_output_tokens',
      `Anthropic requires max_tokens; none given, default ${out.max_tokens as number} used`,
    );
  }
  if (conv.system !== undefined) out.system = conv.system;
  out.messages = conv.messages;

  const forced =
    body.tool_choice === 'required' || (isRecord(body.tool_choice) && body.tool_choice.type !== 'allowed_tools');
  if (budget === 0) out.thinking = { type: 'disabled' };
  else if (budget !== undefined && forced && body.tool_choice !== 'none') {
    losses.add('reasoning', 'Anthropic cannot think when the tool choice forces a tool call; thinking left off');
  } else if (budget !== undefined) {
    const fitted = Math.min(budget, (out.max_tokens as number) - 1);
    if (fitted < MIN_THINKING_BUDGET)
      losses.add('reasoning', 'max_output_tokens is too small for a thinking budget of at least 1024 tokens');
    else {
      out.thinking = { type: 'enabled', budget_tokens: fitted };
      if (fitted < budget)
        losses.add(
          'reasoning.effort',
          `the effort's thinking budget of ${budget} tokens is capped at ${fitted}, below max_output_tokens`,
        );
    }
  }
  const thinks = isRecord(out.thinking) && out.thinking.type === 'enabled';

  if (body.stream !== undefined && body.stream !== null) {
    if (typeof body.stream !== 'boolean') throw invalid('stream must be a boolean', 'stream');
    out.stream = body.stream;
    context.stream = body.stream;
  }
  if (isRecord(body.stream_options)) losses.unknownKeys(body.stream_options, KEYS_STREAM_OPTIONS, 'stream_options');

  openaiSamplingToAnthropic(body, out, { version, thinks, withTopK: false }, losses);

  const toolState: ToolState = { losses, names, origins: {}, webSearch: false };
  const tools = convertToolsToAnthropic(body.tools, conv.additionalTools, toolState);
  if (tools) out.tools = tools;
  const tc = convertToolChoiceToAnthropic(body.tool_choice, body.parallel_tool_calls, toolState);
  if (tc) out.tool_choice = tc;

  const format = convertText(body.text, losses);
  if (format) out.output_config = { format };
  convertIncludes(body.include, losses);

  const metadata = openaiUserToAnthropicMetadata(body, losses);
  if (metadata) out.metadata = metadata;

  const tier = openaiServiceTierToAnthropic(body.service_tier, losses);
  if (tier) out.service_tier = tier;

  reportNotCarried(body, HANDLED, NOT_CARRIED, 'field not supported by Anthropic Messages', losses);

  const toolNames = names.map;
  if (toolNames) context.toolNames = toolNames;
  if (inputState.usesFiles) context.anthropicBeta = [FILES_BETA];
  const echo: Record<string, unknown> = {};
  for (const key of ECHO_KEYS) if (body[key] !== undefined) echo[key] = body[key];
  const pair: ResponsesContext = { echo };
  if (Object.keys(toolState.origins).length > 0) pair.tools = toolState.origins;
  context[CONTEXT_KEY] = pair;
  return { body: out as unknown as MessageCreateParamsOut, losses: losses.list, context };
}
