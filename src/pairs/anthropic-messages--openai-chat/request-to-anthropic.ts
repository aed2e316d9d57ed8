import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, isString, type JsonObject } from '../../core/narrow.js';
import { type NotCarried, reportNotCarried } from '../../core/not-carried.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { optionalNumber, requireObjectBody } from '../../core/require.js';
import {
  openaiJsonSchemaToAnthropicFormat,
  openaiSamplingToAnthropic,
  openaiServiceTierToAnthropic,
  openaiUserToAnthropicMetadata,
} from '../../formats/openai-chat/anthropic-request-fields.js';
import { collectOpenAIToolNames } from '../../formats/openai-chat/tool-names.js';
import { convertOpenAIMessagesToAnthropic } from './convert-openai-messages-to-anthropic.js';
import {
  applyWebSearchOptions,
  convertOpenAIToolChoiceToAnthropic,
  convertOpenAIToolsToAnthropic,
} from './convert-openai-tools-to-anthropic.js';
import { DEFAULT_MAX_TOKENS } from './extensions.js';
import { isReasoningEffort, reasoningEffortToBudget } from './map-reasoning-effort.js';
import { createToolNamer } from './map-tool-names.js';
import type { MessageCreateParamsOut } from './types.js';

const KEYS_NAME_DESCRIPTION_SCHEMA_STRICT = new Set(['name', 'description', 'schema', 'strict']);
const KEYS_INCLUDE_USAGE_INCLUDE_OBFUSCATION = new Set(['include_usage', 'include_obfuscation']);

/** OpenAI Chat Completions request -> Anthropic Messages request. See docs/mappings-anthropic-openai.md. */

/** Fields with no Anthropic equivalent, and the values that mean "not used" (those are not losses). */
const NOT_CARRIED: Record<string, NotCarried> = {
  n: { reason: 'Anthropic returns one choice; n > 1 is not supported', inert: (v) => v === 1 },
  logprobs: { reason: 'Anthropic has no log probabilities', inert: (v) => v === false },
  top_logprobs: { reason: 'Anthropic has no log probabilities', inert: (v) => v === 0 },
  logit_bias: { reason: 'Anthropic has no logit_bias', inert: (v) => isRecord(v) && Object.keys(v).length === 0 },
  frequency_penalty: { reason: 'Anthropic has no frequency_penalty', inert: (v) => v === 0 },
  presence_penalty: { reason: 'Anthropic has no presence_penalty', inert: (v) => v === 0 },
  seed: { reason: 'Anthropic has no seed' },
  store: { reason: 'Anthropic does not store completions', inert: (v) => v === false },
  metadata: { reason: 'Anthropic metadata only has user_id' },
  modalities: {
    reason: 'Anthropic produces text only',
    inert: (v) => Array.isArray(v) && v.length === 1 && v[0] === 'text',
  },
  audio: { reason: 'Anthropic has no audio output' },
  prediction: { reason: 'Anthropic has no predicted outputs' },
  verbosity: { reason: 'Anthropic has no verbosity setting' },
  prompt_cache_key: { reason: 'Anthropic caches by cache_control breakpoints, not keys' },
  prompt_cache_retention: { reason: 'Anthropic sets cache lifetime per breakpoint (cache_control.ttl)' },
  prompt_cache_options: { reason: 'Anthropic caches by cache_control breakpoints' },
  moderation: { reason: 'Anthropic has no moderation option' },
  functions: { reason: 'deprecated functions are not carried; use tools' },
  function_call: { reason: 'deprecated function_call is not carried; use tool_choice' },
};
const HANDLED = new Set([
  'model',
  'messages',
  'max_completion_tokens',
  'max_tokens',
  'stop',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'web_search_options',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning_effort',
  'thinking',
  'user',
  'safety_identifier',
  'response_format',
  'service_tier',
]);

function convertStop(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every(isString)) return stop.length > 0 ? (stop as string[]) : undefined;
  throw new TranslationError('invalid_input', 'stop must be a string or an array of strings', { path: 'stop' });
}

function convertResponseFormat(rf: unknown, losses: LossCollector): JsonObject | undefined {
  if (rf === undefined || rf === null) return undefined;
  if (!isRecord(rf))
    throw new TranslationError('invalid_input', 'response_format must be an object', { path: 'response_format' });
  if (rf.type === 'text') return undefined;
  if (rf.type === 'json_object') {
    losses.add('response_format', 'json_object mode has no Anthropic equivalent without a schema; not carried');
    return undefined;
  }
  if (rf.type !== 'json_schema' || !isRecord(rf.json_schema)) {
    throw new TranslationError('invalid_input', 'unknown response_format', { path: 'response_format' });
  }
  const js = rf.json_schema;
  return openaiJsonSchemaToAnthropicFormat(
    js,
    'response_format.json_schema',
    KEYS_NAME_DESCRIPTION_SCHEMA_STRICT,
    losses,
  );
}

export function openaiRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<MessageCreateParamsOut> {
  requireObjectBody(body);
  if (typeof body.model !== 'string')
    throw new TranslationError('invalid_input', 'model must be a string', { path: 'model' });
  const version = options.anthropicVersion ?? '2023-06-01';
  const losses = new LossCollector(options.strict);
  const names = createToolNamer(collectOpenAIToolNames(body));
  const context: RequestContext = { clientModel: body.model, anthropicVersion: version };

  const conv = convertOpenAIMessagesToAnthropic(body.messages, { losses, names });
  const out: JsonObject = { model: body.model };

  const mct = optionalNumber(body, 'max_completion_tokens');
  const mt = optionalNumber(body, 'max_tokens');
  if (mct !== undefined) {
    out.max_tokens = mct;
    if (mt !== undefined && mt !== mct)
      losses.add('max_tokens', 'max_completion_tokens takes precedence over max_tokens');
  } else if (mt !== undefined) out.max_tokens = mt;
  else {
    out.max_tokens = DEFAULT_MAX_TOKENS;
    losses.add(
      'max_completion_tokens',
      `Anthropic requires max_tokens; none given, default ${DEFAULT_MAX_TOKENS} used`,
    );
  }
  if (conv.system !== undefined) out.system = conv.system;
  out.messages = conv.messages;

  const stop = convertStop(body.stop);
  if (stop) out.stop_sequences = stop;

  if (body.stream !== undefined && body.stream !== null) {
    if (typeof body.stream !== 'boolean')
      throw new TranslationError('invalid_input', 'stream must be a boolean', { path: 'stream' });
    out.stream = body.stream;
    context.stream = body.stream;
  }
  if (isRecord(body.stream_options)) {
    losses.unknownKeys(body.stream_options, KEYS_INCLUDE_USAGE_INCLUDE_OBFUSCATION, 'stream_options');
    if (typeof body.stream_options.include_usage === 'boolean')
      context.includeUsage = body.stream_options.include_usage;
  }

  // top_k is not in the Chat spec, but OpenAI-compatible clients (vLLM style) send it
  openaiSamplingToAnthropic(body, out, { version, thinks: false, withTopK: true }, losses);

  const tools =
    body.tools !== undefined && body.tools !== null ? convertOpenAIToolsToAnthropic(body.tools, names, losses) : [];
  if (body.web_search_options !== undefined && body.web_search_options !== null)
    applyWebSearchOptions(body.web_search_options, tools, losses);
  if (tools.length > 0) out.tools = tools;
  const tc = convertOpenAIToolChoiceToAnthropic(body.tool_choice, body.parallel_tool_calls, names, losses);
  if (tc) out.tool_choice = tc;

  if (isRecord(body.thinking)) {
    // Portkey-style passthrough of an Anthropic thinking config
    out.thinking = body.thinking;
    if (body.reasoning_effort !== undefined && body.reasoning_effort !== null)
      losses.add('reasoning_effort', 'thinking takes precedence over reasoning_effort');
  } else if (body.reasoning_effort !== undefined && body.reasoning_effort !== null) {
    const effort = body.reasoning_effort;
    if (!isReasoningEffort(effort))
      throw new TranslationError('invalid_input', 'unknown reasoning_effort', { path: 'reasoning_effort' });
    if (effort === 'none') out.thinking = { type: 'disabled' };
    else {
      const budget = reasoningEffortToBudget(effort, out.max_tokens as number);
      if (budget === undefined)
        losses.add('reasoning_effort', 'max_tokens is too small for a thinking budget of at least 1024 tokens');
      else out.thinking = { type: 'enabled', budget_tokens: budget };
    }
  } else if (body.thinking !== undefined && body.thinking !== null) {
    throw new TranslationError('invalid_input', 'thinking must be an object', { path: 'thinking' });
  }

  const metadata = openaiUserToAnthropicMetadata(body, losses);
  if (metadata) out.metadata = metadata;

  const format = convertResponseFormat(body.response_format, losses);
  if (format) out.output_config = { format };

  const tier = openaiServiceTierToAnthropic(body.service_tier, losses);
  if (tier) out.service_tier = tier;

  reportNotCarried(body, HANDLED, NOT_CARRIED, 'field not supported by Anthropic Messages', losses);
  const toolNames = names.map;
  if (toolNames) context.toolNames = toolNames;
  return { body: out as unknown as MessageCreateParamsOut, losses: losses.list, context };
}
