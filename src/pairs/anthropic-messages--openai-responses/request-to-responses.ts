import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isFiniteNumber, isRecord, isString, type JsonObject } from '../../core/narrow.js';
import { type NotCarried, reportNotCarried } from '../../core/not-carried.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { invalid, requireObjectBody } from '../../core/require.js';
import { ANTHROPIC_COMMON_REQUEST_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { collectAnthropicToolNames } from '../../formats/anthropic-messages/tool-names.js';
import {
  anthropicServiceTierToOpenAI,
  DEFAULT_SCHEMA_NAME,
} from '../../formats/openai-chat/anthropic-request-fields.js';
import { budgetToReasoningEffort } from '../../formats/openai-chat/reasoning-effort.js';
import {
  convertMessagesToResponses,
  convertSystemToResponses,
  type MessageState,
} from './convert-messages-to-responses.js';
import { convertToolChoiceToResponses, convertToolsToResponses } from './convert-tools-to-responses.js';
import { MIN_OUTPUT_TOKENS } from './extensions.js';
import { createResponsesToolNamer } from './map-tool-names.js';
import type { ResponsesRequestOut } from './types.js';

/**
 * Anthropic Messages request -> OpenAI Responses request. See docs/mappings-anthropic-responses.md.
 *
 * The upstream is asked to keep nothing (`store: false`: Anthropic stores no responses), and, when reasoning is
 * asked for or replayed, to include `reasoning.encrypted_content`, which carries the thinking signature.
 */

const NOT_CARRIED: Record<string, NotCarried> = {
  top_k: 'Responses has no top_k',
  container: 'containers are Anthropic-only',
  speed: 'speed has no Responses equivalent',
  inference_geo: 'inference_geo has no Responses equivalent',
  diagnostics: 'diagnostics are Anthropic-only',
  context_management: 'context_management is Anthropic-only',
  mcp_servers: 'MCP servers are Anthropic-only',
  cache_control: 'top-level automatic cache_control has no Responses equivalent',
};
const HANDLED = new Set([...ANTHROPIC_COMMON_REQUEST_KEYS, 'metadata', 'output_config', 'service_tier']);
const KEYS_THINKING = new Set(['type', 'budget_tokens', 'display']);
const KEYS_EFFORT_FORMAT = new Set(['effort', 'format']);
const KEYS_TYPE_SCHEMA = new Set(['type', 'schema']);
const KEYS_USER_ID = new Set(['user_id']);
const SAFETY_IDENTIFIER_MAX = 64;
const EFFORTS = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

/** `thinking` -> `reasoning` (or nothing, with a loss). */
function convertThinking(thinking: unknown, losses: LossCollector): JsonObject | undefined {
  if (!isRecord(thinking)) throw invalid('thinking must be an object', 'thinking');
  losses.unknownKeys(thinking, KEYS_THINKING, 'thinking');
  const summary = thinking.display === 'omitted' ? {} : { summary: 'auto' };
  switch (thinking.type) {
    case 'enabled':
      if (!isFiniteNumber(thinking.budget_tokens))
        throw invalid('budget_tokens must be a number', 'thinking.budget_tokens');
      return { effort: budgetToReasoningEffort(thinking.budget_tokens), ...summary };
    case 'adaptive':
      return { ...summary };
    case 'disabled':
      return { effort: 'none' };
    case 'between_tools':
      losses.add(
        'thinking',
        `thinking "${thinking.type}" has no portable Responses equivalent; reasoning left to the model default`,
      );
      return undefined;
    default:
      throw invalid('unknown thinking type', 'thinking.type');
  }
}

export function anthropicRequestToResponses(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<ResponsesRequestOut> {
  requireObjectBody(body);
  if (typeof body.model !== 'string') throw invalid('model must be a string', 'model');
  const losses = new LossCollector(options.strict);
  const names = createResponsesToolNamer(collectAnthropicToolNames(body));
  const context: RequestContext = {
    clientModel: body.model,
    anthropicVersion: options.anthropicVersion ?? '2023-06-01',
  };
  const st: MessageState = { losses, names, replaysReasoning: false };

  const out: JsonObject = { model: body.model };
  const system = convertSystemToResponses(body.system, st);
  if (system.instructions !== undefined) out.instructions = system.instructions;
  const input = convertMessagesToResponses(body.messages, st);
  out.input = system.message ? [system.message, ...input] : input;

  if (body.max_tokens !== undefined && body.max_tokens !== null) {
    if (!isFiniteNumber(body.max_tokens)) throw invalid('max_tokens must be a number', 'max_tokens');
    out.max_output_tokens = Math.max(MIN_OUTPUT_TOKENS, body.max_tokens);
    if (body.max_tokens < MIN_OUTPUT_TOKENS)
      losses.add(
        'max_tokens',
        `Responses takes max_output_tokens of at least ${MIN_OUTPUT_TOKENS}; sent as ${MIN_OUTPUT_TOKENS}`,
      );
  }
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) {
    if (!Array.isArray(body.stop_sequences) || !body.stop_sequences.every(isString))
      throw invalid('stop_sequences must be an array of strings', 'stop_sequences');
    if (body.stop_sequences.length > 0) losses.add('stop_sequences', 'Responses has no stop sequences');
  }
  if (body.stream !== undefined && body.stream !== null) {
    if (typeof body.stream !== 'boolean') throw invalid('stream must be a boolean', 'stream');
    out.stream = body.stream;
    context.stream = body.stream;
  }
  for (const key of ['temperature', 'top_p'] as const) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (!isFiniteNumber(v)) throw invalid(`${key} must be a number`, key);
    out[key] = v;
  }

  let webSearchTool = false;
  if (body.tools !== undefined && body.tools !== null) {
    const tools = convertToolsToResponses(body.tools, names, losses);
    if (tools) {
      out.tools = tools;
      webSearchTool = tools.some((t) => t.type === 'web_search');
    }
  }
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const tc = convertToolChoiceToResponses(body.tool_choice, names, webSearchTool, losses);
    if (tc.tool_choice !== undefined) out.tool_choice = tc.tool_choice;
    if (tc.parallel_tool_calls !== undefined) out.parallel_tool_calls = tc.parallel_tool_calls;
  }

  let reasoning: JsonObject | undefined;
  if (body.thinking !== undefined && body.thinking !== null) reasoning = convertThinking(body.thinking, losses);
  if (body.output_config !== undefined && body.output_config !== null) {
    const cfg = body.output_config;
    if (!isRecord(cfg)) throw invalid('output_config must be an object', 'output_config');
    losses.unknownKeys(cfg, KEYS_EFFORT_FORMAT, 'output_config');
    if (cfg.effort !== undefined && cfg.effort !== null) {
      if (typeof cfg.effort === 'string' && EFFORTS.has(cfg.effort)) {
        if (reasoning?.effort !== undefined && reasoning.effort !== cfg.effort)
          losses.add(
            'thinking.budget_tokens',
            'output_config.effort takes precedence over the thinking budget for reasoning.effort',
          );
        reasoning = { ...reasoning, effort: cfg.effort };
      } else losses.add('output_config.effort', 'unknown effort value');
    }
    const f = cfg.format;
    if (f !== undefined && f !== null) {
      if (!isRecord(f) || f.type !== 'json_schema' || !isRecord(f.schema)) {
        losses.add('output_config.format', 'only json_schema output formats have a Responses equivalent');
      } else {
        losses.unknownKeys(f, KEYS_TYPE_SCHEMA, 'output_config.format');
        out.text = { format: { type: 'json_schema', name: DEFAULT_SCHEMA_NAME, schema: f.schema, strict: true } };
      }
    }
  }
  if (reasoning !== undefined) out.reasoning = reasoning;
  if (reasoning !== undefined || st.replaysReasoning) out.include = ['reasoning.encrypted_content'];
  out.store = false;

  if (body.metadata !== undefined && body.metadata !== null) {
    if (!isRecord(body.metadata)) throw invalid('metadata must be an object', 'metadata');
    losses.unknownKeys(body.metadata, KEYS_USER_ID, 'metadata');
    const uid = body.metadata.user_id;
    if (typeof uid === 'string') {
      if (uid.length <= SAFETY_IDENTIFIER_MAX) out.safety_identifier = uid;
      else
        losses.add(
          childPath('metadata', 'user_id'),
          `safety_identifier takes at most ${SAFETY_IDENTIFIER_MAX} characters; the user id is longer`,
        );
    }
  }
  const tier = anthropicServiceTierToOpenAI(body.service_tier, losses);
  if (tier) out.service_tier = tier;
  reportNotCarried(body, HANDLED, NOT_CARRIED, 'field not supported by Responses', losses);
  const toolNames = names.map;
  if (toolNames) context.toolNames = toolNames;
  return { body: out as unknown as ResponsesRequestOut, losses: losses.list, context };
}
