import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isFiniteNumber, isRecord, isString, type JsonObject } from '../../core/narrow.js';
import { type NotCarried, reportNotCarried } from '../../core/not-carried.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';
import { ANTHROPIC_COMMON_REQUEST_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { collectAnthropicToolNames } from '../../formats/anthropic-messages/tool-names.js';
import {
  anthropicServiceTierToOpenAI,
  DEFAULT_SCHEMA_NAME,
} from '../../formats/openai-chat/anthropic-request-fields.js';
import { convertAnthropicMessagesToOpenAI } from './convert-anthropic-messages-to-openai.js';
import {
  convertAnthropicToolChoiceToOpenAI,
  convertAnthropicToolsToOpenAI,
} from './convert-anthropic-tools-to-openai.js';
import { budgetToReasoningEffort } from './map-reasoning-effort.js';
import { createToolNamer } from './map-tool-names.js';
import type { ChatCompletionRequestOut } from './types.js';

const KEYS_TYPE_BUDGET_TOKENS_DISPLAY = new Set(['type', 'budget_tokens', 'display']);
const KEYS_EFFORT_FORMAT = new Set(['effort', 'format']);
const KEYS_TYPE_SCHEMA = new Set(['type', 'schema']);
const KEYS_USER_ID = new Set(['user_id']);

/** Anthropic Messages request -> OpenAI Chat Completions request. See docs/mappings-anthropic-openai.md. */

const MAX_STOP = 4;
const NOT_CARRIED: Record<string, NotCarried> = {
  top_k: 'Chat Completions has no top_k',
  container: 'containers are Anthropic-only',
  speed: 'speed has no Chat Completions equivalent',
  inference_geo: 'inference_geo has no Chat Completions equivalent',
  diagnostics: 'diagnostics are Anthropic-only',
  context_management: 'context_management is Anthropic-only',
  mcp_servers: 'MCP servers are Anthropic-only',
  cache_control: 'top-level automatic cache_control has no Chat Completions equivalent',
};
const HANDLED = new Set([...ANTHROPIC_COMMON_REQUEST_KEYS, 'metadata', 'output_config', 'service_tier']);

function convertThinking(thinking: unknown, out: JsonObject, losses: LossCollector): void {
  if (!isRecord(thinking))
    throw new TranslationError('invalid_input', 'thinking must be an object', { path: 'thinking' });
  losses.unknownKeys(thinking, KEYS_TYPE_BUDGET_TOKENS_DISPLAY, 'thinking');
  if (thinking.display !== undefined && thinking.display !== null) {
    losses.add('thinking.display', 'thinking display has no Chat Completions equivalent');
  }
  switch (thinking.type) {
    case 'enabled':
      if (!isFiniteNumber(thinking.budget_tokens))
        throw new TranslationError('invalid_input', 'budget_tokens must be a number', {
          path: 'thinking.budget_tokens',
        });
      out.reasoning_effort = budgetToReasoningEffort(thinking.budget_tokens);
      return;
    case 'disabled':
      losses.add(
        'thinking',
        'thinking "disabled" has no portable Chat Completions equivalent; reasoning_effort left to the model default',
      );
      return;
    case 'adaptive':
    case 'between_tools':
      losses.add(
        'thinking',
        `thinking "${thinking.type}" has no Chat Completions equivalent; reasoning_effort left to the model default`,
      );
      return;
    default:
      throw new TranslationError('invalid_input', 'unknown thinking type', { path: 'thinking.type' });
  }
}

function convertOutputConfig(cfg: unknown, out: JsonObject, losses: LossCollector): void {
  if (!isRecord(cfg))
    throw new TranslationError('invalid_input', 'output_config must be an object', { path: 'output_config' });
  losses.unknownKeys(cfg, KEYS_EFFORT_FORMAT, 'output_config');
  if (cfg.effort !== undefined && cfg.effort !== null) {
    if (['low', 'medium', 'high', 'xhigh', 'max'].includes(cfg.effort as string)) {
      if (out.reasoning_effort !== undefined && out.reasoning_effort !== cfg.effort) {
        losses.add(
          'thinking.budget_tokens',
          'output_config.effort takes precedence over the thinking budget for reasoning_effort',
        );
      }
      out.reasoning_effort = cfg.effort;
    } else losses.add('output_config.effort', 'unknown effort value');
  }
  const f = cfg.format;
  if (f === undefined || f === null) return;
  if (!isRecord(f) || f.type !== 'json_schema' || !isRecord(f.schema)) {
    losses.add('output_config.format', 'only json_schema output formats have a Chat Completions equivalent');
    return;
  }
  losses.unknownKeys(f, KEYS_TYPE_SCHEMA, 'output_config.format');
  out.response_format = {
    type: 'json_schema',
    json_schema: { name: DEFAULT_SCHEMA_NAME, schema: f.schema, strict: true },
  };
}

export function anthropicRequestToOpenAI(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<ChatCompletionRequestOut> {
  requireObjectBody(body);
  if (typeof body.model !== 'string')
    throw new TranslationError('invalid_input', 'model must be a string', { path: 'model' });
  const losses = new LossCollector(options.strict);
  const names = createToolNamer(collectAnthropicToolNames(body));
  const context: RequestContext = {
    clientModel: body.model,
    anthropicVersion: options.anthropicVersion ?? '2023-06-01',
  };

  const out: JsonObject = { model: body.model };
  out.messages = convertAnthropicMessagesToOpenAI(body.system, body.messages, { losses, names });

  if (body.max_tokens !== undefined) {
    if (!isFiniteNumber(body.max_tokens))
      throw new TranslationError('invalid_input', 'max_tokens must be a number', { path: 'max_tokens' });
    out.max_completion_tokens = body.max_tokens;
  }
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) {
    const seqs = body.stop_sequences;
    if (!Array.isArray(seqs) || !seqs.every(isString)) {
      throw new TranslationError('invalid_input', 'stop_sequences must be an array of strings', {
        path: 'stop_sequences',
      });
    }
    if (seqs.length > 0) out.stop = seqs.slice(0, MAX_STOP);
    for (let i = MAX_STOP; i < seqs.length; i++)
      losses.add(childPath('stop_sequences', i), 'Chat Completions accepts at most 4 stop sequences');
  }
  if (body.stream !== undefined && body.stream !== null) {
    if (typeof body.stream !== 'boolean')
      throw new TranslationError('invalid_input', 'stream must be a boolean', { path: 'stream' });
    out.stream = body.stream;
    context.stream = body.stream;
    if (body.stream) out.stream_options = { include_usage: true };
  }
  for (const key of ['temperature', 'top_p'] as const) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (!isFiniteNumber(v)) throw new TranslationError('invalid_input', `${key} must be a number`, { path: key });
    out[key] = v;
  }
  if (body.tools !== undefined && body.tools !== null) {
    const tools = convertAnthropicToolsToOpenAI(body.tools, names, losses);
    if (tools) out.tools = tools;
  }
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const tc = convertAnthropicToolChoiceToOpenAI(body.tool_choice, names, losses);
    if (tc.tool_choice !== undefined) out.tool_choice = tc.tool_choice;
    if (tc.parallel_tool_calls !== undefined) out.parallel_tool_calls = tc.parallel_tool_calls;
  }
  if (body.thinking !== undefined && body.thinking !== null) convertThinking(body.thinking, out, losses);
  if (body.output_config !== undefined && body.output_config !== null)
    convertOutputConfig(body.output_config, out, losses);
  if (body.metadata !== undefined && body.metadata !== null) {
    if (!isRecord(body.metadata))
      throw new TranslationError('invalid_input', 'metadata must be an object', { path: 'metadata' });
    losses.unknownKeys(body.metadata, KEYS_USER_ID, 'metadata');
    if (typeof body.metadata.user_id === 'string') out.user = body.metadata.user_id;
  }
  const tier = anthropicServiceTierToOpenAI(body.service_tier, losses);
  if (tier) out.service_tier = tier;
  reportNotCarried(body, HANDLED, NOT_CARRIED, 'field not supported by Chat Completions', losses);
  const toolNames = names.map;
  if (toolNames) context.toolNames = toolNames;
  return { body: out as unknown as ChatCompletionRequestOut, losses: losses.list, context };
}
