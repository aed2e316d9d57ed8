import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';
import { BLANK_TEXT_LOSS, withoutBlankAnthropicText } from '../../formats/anthropic-messages/blank-text.js';
import { converseDocumentToAnthropic } from './convert-document-to-anthropic.js';

const MEDIA: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const HANDLED = new Set(['messages', 'system', 'inferenceConfig', 'toolConfig', 'additionalModelRequestFields']);

/** A Converse `cachePoint` -> Anthropic `cache_control` (its `ttl` kept). */
function cacheControlFor(point: Record<string, unknown>): Record<string, unknown> {
  const cc: Record<string, unknown> = { type: 'ephemeral' };
  if (typeof point.ttl === 'string') cc.ttl = point.ttl;
  return cc;
}

/**
 * Converse blocks -> Anthropic blocks; a `cachePoint` becomes `cache_control` on the block before it. Blank text
 * (which Bedrock refuses too) joins the text next to it, else it is a loss: Anthropic refuses it.
 */
function convertBlocks(blocks: unknown, path: string, losses: LossCollector): Record<string, unknown>[] {
  if (!Array.isArray(blocks)) throw new TranslationError('invalid_input', 'content must be a list', { path });
  const out: Record<string, unknown>[] = [];
  /** the index in `blocks` of each block of `out` (paths are built only for a loss or an error) */
  const origin: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b: unknown = blocks[i];
    if (!isRecord(b))
      throw new TranslationError('invalid_input', 'a content block must be an object', { path: childPath(path, i) });
    if (isRecord(b.cachePoint)) {
      const prev = out[out.length - 1];
      if (prev) prev.cache_control = cacheControlFor(b.cachePoint);
      else losses.add(childPath(path, i), 'a cachePoint with no block before it');
      continue;
    }
    const c = convertBlock(b, path, i, losses);
    if (c) {
      origin.push(i);
      out.push(c);
    }
  }
  return withoutBlankAnthropicText(out, (k) =>
    losses.add(origin[k] === undefined ? path : childPath(path, origin[k]), BLANK_TEXT_LOSS),
  );
}

/** One block, at `childPath(parent, index)` (built only for a loss). */
function convertBlock(
  b: Record<string, unknown>,
  parent: string,
  index: number,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  if (typeof b.text === 'string') return { type: 'text', text: b.text };
  if (isRecord(b.image)) {
    const media = typeof b.image.format === 'string' ? MEDIA[b.image.format] : undefined;
    const src = isRecord(b.image.source) ? b.image.source : {};
    if (media && typeof src.bytes === 'string')
      return { type: 'image', source: { type: 'base64', media_type: media, data: src.bytes } };
  } else if (isRecord(b.document)) {
    return converseDocumentToAnthropic(b.document, childPath(childPath(parent, index), 'document'), losses);
  } else if (isRecord(b.toolUse)) {
    return {
      type: 'tool_use',
      id: b.toolUse.toolUseId,
      name: b.toolUse.name,
      input: isRecord(b.toolUse.input) ? b.toolUse.input : {},
    };
  } else if (isRecord(b.toolResult)) {
    const r = b.toolResult;
    const content: Record<string, unknown>[] = [];
    if (Array.isArray(r.content)) {
      for (let i = 0; i < r.content.length; i++) {
        const c: unknown = r.content[i];
        if (isRecord(c) && c.json !== undefined) content.push({ type: 'text', text: JSON.stringify(c.json) });
        else if (isRecord(c)) {
          const x = convertBlock(c, `${childPath(parent, index)}.toolResult.content`, i, losses);
          if (x) content.push(x);
        }
      }
    }
    const out: Record<string, unknown> = { type: 'tool_result', tool_use_id: r.toolUseId, content };
    if (r.status === 'error') out.is_error = true;
    return out;
  } else if (isRecord(b.reasoningContent)) {
    const rc = b.reasoningContent;
    if (isRecord(rc.reasoningText)) {
      const { text, signature } = rc.reasoningText;
      return {
        type: 'thinking',
        thinking: typeof text === 'string' ? text : '',
        signature: typeof signature === 'string' ? signature : '',
      };
    }
    if (typeof rc.redactedContent === 'string') return { type: 'redacted_thinking', data: rc.redactedContent };
  }
  losses.add(childPath(parent, index), 'this Converse block has no Anthropic equivalent');
  return undefined;
}

/**
 * Converse request -> Anthropic Messages request. The model (from the URL) comes in `options.model`;
 * `stream: true` when `options.stream`. `top_k` and `thinking` in `additionalModelRequestFields`
 * are read back, its `anthropic_beta` list goes to `context.anthropicBeta` (the `anthropic-beta` header);
 * `max_tokens` defaults to 4096 (Converse does not require it, Anthropic does).
 */
export function converseRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  requireObjectBody(body);
  if (typeof options.model !== 'string' || options.model === '')
    throw new TranslationError(
      'invalid_input',
      'a Converse request names its model in the URL: pass it as options.model',
      { path: '' },
    );
  const losses = new LossCollector(options.strict);
  const ic = isRecord(body.inferenceConfig) ? body.inferenceConfig : {};
  const out: Record<string, unknown> = {
    model: options.model,
    max_tokens: typeof ic.maxTokens === 'number' ? ic.maxTokens : 4096,
  };
  if (body.system !== undefined) {
    const sys = convertBlocks(body.system, 'system', losses);
    if (sys.length > 0) out.system = sys;
  }
  if (!Array.isArray(body.messages))
    throw new TranslationError('invalid_input', 'messages must be a list', { path: 'messages' });
  const messages: Record<string, unknown>[] = [];
  for (let i = 0; i < body.messages.length; i++) {
    const m: unknown = body.messages[i];
    if (!isRecord(m) || (m.role !== 'user' && m.role !== 'assistant'))
      throw new TranslationError('invalid_input', 'a message needs role user or assistant', { path: `messages[${i}]` });
    messages.push({ role: m.role, content: convertBlocks(m.content, `messages[${i}].content`, losses) });
  }
  out.messages = messages;
  if (typeof ic.temperature === 'number') out.temperature = ic.temperature;
  if (typeof ic.topP === 'number') out.top_p = ic.topP;
  if (Array.isArray(ic.stopSequences)) out.stop_sequences = ic.stopSequences;
  const extra = isRecord(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {};
  let betas: string[] | undefined;
  for (const [k, v] of Object.entries(extra)) {
    if (k === 'top_k' || k === 'thinking') out[k] = v;
    else if (k === 'anthropic_beta' && Array.isArray(v) && v.every((x) => typeof x === 'string')) betas = v.slice();
    else if (k === 'anthropic_beta')
      losses.add('additionalModelRequestFields.anthropic_beta', 'anthropic_beta must be a list of beta names');
    else losses.add(`additionalModelRequestFields.${k}`, 'not carried');
  }
  if (isRecord(body.toolConfig)) {
    const tc = body.toolConfig;
    const tools: Record<string, unknown>[] = [];
    if (Array.isArray(tc.tools)) {
      tc.tools.forEach((t, i) => {
        if (isRecord(t) && isRecord(t.toolSpec)) {
          const s = t.toolSpec;
          const tool: Record<string, unknown> = {
            name: s.name,
            input_schema:
              isRecord(s.inputSchema) && isRecord(s.inputSchema.json) ? s.inputSchema.json : { type: 'object' },
          };
          if (typeof s.description === 'string') tool.description = s.description;
          if (typeof s.strict === 'boolean') tool.strict = s.strict;
          tools.push(tool);
        } else if (isRecord(t) && isRecord(t.cachePoint) && tools.length > 0)
          tools[tools.length - 1]!.cache_control = cacheControlFor(t.cachePoint);
        else losses.add(`toolConfig.tools[${i}]`, 'not carried');
      });
    }
    if (tools.length > 0) out.tools = tools;
    const ch = isRecord(tc.toolChoice) ? tc.toolChoice : undefined;
    if (ch?.auto) out.tool_choice = { type: 'auto' };
    else if (ch?.any) out.tool_choice = { type: 'any' };
    else if (isRecord(ch?.tool)) out.tool_choice = { type: 'tool', name: ch.tool.name };
  }
  if (options.stream === true) out.stream = true;
  for (const k of Object.keys(body)) if (!HANDLED.has(k)) losses.add(k, `${k} has no Anthropic equivalent`);
  const context: RequestContext = { clientModel: options.model, stream: out.stream === true };
  if (betas && betas.length > 0) context.anthropicBeta = betas;
  return { body: out, losses: losses.list, context };
}
