import { isBlank } from '../../core/blank-text.js';
import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, isStringArray } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';
import { betaNames } from '../../formats/anthropic-messages/betas.js';
import { ANTHROPIC_COMMON_REQUEST_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { urlModel } from '../../formats/anthropic-messages/url-model-body.js';
import { bedrockConverseTarget } from '../../formats/bedrock-converse/target.js';
import {
  BLANK_CONVERSE_TEXT_LOSS,
  type ConverseBlock,
  cachePointFor,
  convertAnthropicContent,
  withoutBlankConverseText,
} from './convert-content-to-converse.js';
import { arrangeConverseTurns, type ConvertedMessage } from './convert-turns.js';

export interface ConverseRequestContext extends RequestContext {
  /** `/model/{model}/converse` or `/model/{model}/converse-stream` */
  upstreamPath: string;
}

const HANDLED = new Set([...ANTHROPIC_COMMON_REQUEST_KEYS, 'top_k']);

/**
 * Anthropic Messages request -> Bedrock Converse request (docs/wire-formats.md#bedrock-converse-request). The model goes into the
 * path (`context.upstreamPath`); `top_k`, `thinking` and the beta names of `options.context.anthropicBeta`
 * (as `anthropic_beta`) travel in `additionalModelRequestFields`, which Bedrock hands to Claude as they are.
 * Converse has no `none` tool choice: with it the tools are omitted (a loss at `tool_choice` and at `tools`),
 * unless the history holds tool blocks, which need the tool config. Turns are arranged by `arrangeConverseTurns`
 * (merged to alternate; a turn emptied by losses left out, or sent as a note where a user turn is needed).
 */
export function anthropicRequestToConverse(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  requireObjectBody(body);
  const losses = new LossCollector(options.strict);
  const model = urlModel(body, options);
  const stream = body.stream === true;
  const docCounter = { n: 0 };
  const out: Record<string, unknown> = {};

  if (!Array.isArray(body.messages))
    throw new TranslationError('invalid_input', 'messages must be a list', { path: 'messages' });
  const converted: ConvertedMessage[] = [];
  const system: ConverseBlock[] = [];
  let hasToolBlocks = false;
  const messages = body.messages;
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isRecord(m))
      throw new TranslationError('invalid_input', 'a message must be an object', { path: childPath('messages', i) });
    // the paths are built only for a loss or an error
    const content = convertAnthropicContent(m.content, `messages[${i}].content`, losses, docCounter);
    if (m.role === 'system') {
      content.forEach((b, j) => {
        if (b.text !== undefined || b.cachePoint !== undefined) system.push(b);
        else
          losses.add(
            `messages[${i}].content`,
            `Converse system blocks are text only: block ${j} of this system message is not sent`,
          );
      });
      continue;
    }
    if (m.role !== 'user' && m.role !== 'assistant')
      throw new TranslationError('invalid_input', 'role must be user or assistant', { path: `messages[${i}].role` });
    if (!hasToolBlocks)
      for (let j = 0; j < content.length; j++)
        if (content[j]!.toolUse !== undefined || content[j]!.toolResult !== undefined) hasToolBlocks = true;
    converted.push({ role: m.role, content, index: i, source: m.content });
  }
  out.messages = arrangeConverseTurns(converted, losses);

  const sys = convertSystem(body.system, losses);
  if (sys.length + system.length > 0) out.system = [...sys, ...system];

  const inference: Record<string, unknown> = {};
  if (typeof body.max_tokens === 'number') inference.maxTokens = body.max_tokens;
  if (typeof body.temperature === 'number') inference.temperature = body.temperature;
  if (typeof body.top_p === 'number') inference.topP = body.top_p;
  if (body.stop_sequences !== undefined) {
    if (!isStringArray(body.stop_sequences))
      throw new TranslationError('invalid_input', 'stop_sequences must be strings', { path: 'stop_sequences' });
    inference.stopSequences = body.stop_sequences.slice();
  }
  if (Object.keys(inference).length > 0) out.inferenceConfig = inference;

  const extra: Record<string, unknown> = {};
  if (typeof body.top_k === 'number') extra.top_k = body.top_k;
  if (body.thinking !== undefined) extra.thinking = body.thinking;
  const betas = betaNames(options.context);
  if (betas.length > 0) extra.anthropic_beta = betas;
  if (Object.keys(extra).length > 0) out.additionalModelRequestFields = extra;

  if (body.tools === undefined && body.tool_choice !== undefined)
    losses.add('tool_choice', 'a tool_choice without tools is not sent to Converse');
  const toolConfig = convertTools(body.tools, body.tool_choice, hasToolBlocks, losses);
  if (toolConfig) out.toolConfig = toolConfig;

  for (const key of Object.keys(body)) if (!HANDLED.has(key)) losses.add(key, `${key} has no Converse equivalent`);
  const context: ConverseRequestContext = {
    clientModel: typeof body.model === 'string' ? body.model : model,
    stream,
    upstreamPath: bedrockConverseTarget(model, stream).path,
  };
  return { body: out, losses: losses.list, context };
}

function convertSystem(system: unknown, losses: LossCollector): ConverseBlock[] {
  if (system === undefined) return [];
  if (typeof system === 'string') {
    if (system !== '' && isBlank(system)) losses.add('system', BLANK_CONVERSE_TEXT_LOSS);
    return isBlank(system) ? [] : [{ text: system }];
  }
  if (!Array.isArray(system))
    throw new TranslationError('invalid_input', 'system must be a string or text blocks', { path: 'system' });
  const out: ConverseBlock[] = [];
  const origin: string[] = [];
  system.forEach((b, i) => {
    if (!isRecord(b) || b.type !== 'text' || typeof b.text !== 'string')
      throw new TranslationError('invalid_input', 'system blocks must be text', { path: `system[${i}]` });
    if (Array.isArray(b.citations) && b.citations.length > 0) losses.add(`system[${i}].citations`, 'not carried');
    out.push({ text: b.text });
    origin.push(`system[${i}]`);
    const point = cachePointFor(b.cache_control);
    if (point) {
      out.push(point);
      origin.push(`system[${i}]`);
    }
  });
  return withoutBlankConverseText(out, (i) => losses.add(origin[i] ?? 'system', BLANK_CONVERSE_TEXT_LOSS));
}

const TOOL_KEYS = new Set(['name', 'description', 'input_schema', 'type', 'cache_control', 'strict']);

function convertTools(
  tools: unknown,
  choice: unknown,
  hasToolBlocks: boolean,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) throw new TranslationError('invalid_input', 'tools must be a list', { path: 'tools' });
  const specs: ConverseBlock[] = [];
  tools.forEach((t, i) => {
    const path = `tools[${i}]`;
    if (!isRecord(t) || typeof t.name !== 'string')
      throw new TranslationError('invalid_input', 'a tool needs a name', { path });
    if (t.type !== undefined && t.type !== 'custom') {
      losses.add(path, `server tool ${JSON.stringify(t.type)} has no Converse equivalent`);
      return;
    }
    const spec: Record<string, unknown> = {
      name: t.name,
      inputSchema: { json: isRecord(t.input_schema) ? t.input_schema : { type: 'object' } },
    };
    if (typeof t.description === 'string') spec.description = t.description;
    if (typeof t.strict === 'boolean') spec.strict = t.strict;
    specs.push({ toolSpec: spec });
    const point = cachePointFor(t.cache_control);
    if (point) specs.push(point);
    for (const k of Object.keys(t))
      if (!TOOL_KEYS.has(k)) losses.add(`${path}.${k}`, 'not supported by Converse tools');
  });
  if (specs.length === 0) return undefined;
  const config: Record<string, unknown> = { tools: specs };
  if (choice === undefined) return config;
  if (!isRecord(choice))
    throw new TranslationError('invalid_input', 'tool_choice must be an object', { path: 'tool_choice' });
  if (choice.disable_parallel_tool_use === true)
    losses.add('tool_choice.disable_parallel_tool_use', 'Converse cannot limit a turn to one tool call');
  switch (choice.type) {
    case 'auto':
      config.toolChoice = { auto: {} };
      return config;
    case 'any':
      config.toolChoice = { any: {} };
      return config;
    case 'tool':
      if (typeof choice.name !== 'string' || choice.name === '')
        throw new TranslationError('invalid_input', 'tool_choice of type tool needs a name', {
          path: 'tool_choice.name',
        });
      config.toolChoice = { tool: { name: choice.name } };
      return config;
    case 'none':
      if (hasToolBlocks) {
        losses.add(
          'tool_choice',
          'Converse has no "none" tool choice; the tools stay because the history holds tool blocks',
        );
        return config;
      }
      losses.add('tool_choice', 'Converse has no "none" tool choice: the tools are omitted');
      losses.add('tools', 'Converse has no "none" tool choice: the tools are not sent, so the model cannot call them');
      return undefined;
    default:
      throw new TranslationError('invalid_input', 'unknown tool_choice type', { path: 'tool_choice.type' });
  }
}
