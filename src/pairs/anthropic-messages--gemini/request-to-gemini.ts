import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, isStringArray } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';
import { ANTHROPIC_COMMON_REQUEST_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { collectAnthropicToolNames } from '../../formats/anthropic-messages/tool-names.js';
import { urlModel } from '../../formats/anthropic-messages/url-model-body.js';
import { geminiTarget } from '../../formats/gemini/target.js';
import type { GeminiGenerationConfig, GeminiPart, GeminiRequest } from '../../formats/gemini/types.js';
import { convertAnthropicMessages } from './convert-anthropic-messages-to-gemini.js';
import { applyAnthropicThinking } from './convert-anthropic-thinking-to-gemini.js';
import { convertAnthropicToolChoice, convertAnthropicTools } from './convert-anthropic-tools-to-gemini.js';
import { createGeminiToolNamer } from './map-tool-names.js';

/** What an Anthropic -> Gemini request translation hands to the way back. */
export interface GeminiRequestContext extends RequestContext {
  /** `/v1beta/models/{model}:generateContent` or `…:streamGenerateContent?alt=sse` */
  upstreamPath: string;
  /**
   * The request asked for Google Search grounding or URL context: a stream translation holds the answer's text
   * until the grounding arrives, so that the search blocks can precede it and cited spans can be split off.
   */
  geminiGrounding?: boolean;
}

/** `generationConfig.stopSequences` holds "up to 5" sequences (Gemini GenerationConfig reference). */
const MAX_STOP_SEQUENCES = 5;

/** Keys read elsewhere or deliberately not carried with their own loss reason. */
const HANDLED = new Set([...ANTHROPIC_COMMON_REQUEST_KEYS, 'top_k', 'output_config', 'cache_control']);

/**
 * Anthropic Messages request -> Gemini `generateContent` request (docs/wire-formats.md#gemini-request, docs/wire-formats.md#cross-walk-roles-tools).
 * The model and `stream` go into the URL (`context.upstreamPath`), not the body.
 */
export function anthropicRequestToGemini(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<GeminiRequest> {
  requireObjectBody(body);
  const losses = new LossCollector(options.strict);
  const model = urlModel(body, options);
  const stream = body.stream === true;

  // tool names Gemini rejects are rewritten here and restored in responses and streams (context.toolNames)
  const names = createGeminiToolNamer(() => collectAnthropicToolNames(body));
  const { contents, system } = convertAnthropicMessages(body.messages, losses, names);
  const out: GeminiRequest = { contents };
  const systemParts = convertSystem(body.system, losses);
  systemParts.push(...system);
  if (systemParts.length > 0) out.systemInstruction = { parts: systemParts };

  if (body.tools !== undefined) {
    const tools = convertAnthropicTools(body.tools, losses, names);
    if (tools) out.tools = tools;
  }
  if (body.tool_choice !== undefined) {
    const tc = convertAnthropicToolChoice(body.tool_choice, losses, names);
    if (tc) out.toolConfig = tc;
  }

  const gc: GeminiGenerationConfig = {};
  if (body.max_tokens !== undefined) {
    if (typeof body.max_tokens !== 'number')
      throw new TranslationError('invalid_input', 'max_tokens must be a number', { path: 'max_tokens' });
    gc.maxOutputTokens = body.max_tokens;
  }
  if (body.stop_sequences !== undefined) {
    if (!isStringArray(body.stop_sequences))
      throw new TranslationError('invalid_input', 'stop_sequences must be strings', { path: 'stop_sequences' });
    gc.stopSequences = body.stop_sequences.slice(0, MAX_STOP_SEQUENCES);
    for (let i = MAX_STOP_SEQUENCES; i < body.stop_sequences.length; i++) {
      losses.add(
        `stop_sequences[${i}]`,
        `Gemini takes at most ${MAX_STOP_SEQUENCES} stop sequences: this one is dropped`,
      );
    }
  }
  if (typeof body.temperature === 'number') gc.temperature = body.temperature;
  if (typeof body.top_p === 'number') gc.topP = body.top_p;
  if (typeof body.top_k === 'number') gc.topK = body.top_k;
  applyAnthropicThinking(body.thinking, body.output_config, gc, losses);
  if (Object.keys(gc).length > 0) out.generationConfig = gc;

  if (body.cache_control !== undefined && body.cache_control !== null)
    losses.add('cache_control', 'Gemini has no cache breakpoints');
  for (const key of Object.keys(body)) {
    if (!HANDLED.has(key)) losses.add(key, `${key} has no Gemini equivalent`);
  }

  const context: GeminiRequestContext = {
    clientModel: typeof body.model === 'string' ? body.model : model,
    stream,
    upstreamPath: geminiTarget(model, stream).path,
  };
  if (names.map) context.toolNames = names.map;
  if (out.tools?.some((t) => 'googleSearch' in t || 'urlContext' in t)) context.geminiGrounding = true;
  if (options.anthropicVersion) context.anthropicVersion = options.anthropicVersion;
  return { body: out, losses: losses.list, context };
}

function convertSystem(system: unknown, losses: LossCollector): GeminiPart[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ text: system }];
  if (!Array.isArray(system))
    throw new TranslationError('invalid_input', 'system must be a string or a list of text blocks', { path: 'system' });
  const parts: GeminiPart[] = [];
  system.forEach((b, i) => {
    const at = `system[${i}]`;
    if (!isRecord(b) || b.type !== 'text' || typeof b.text !== 'string') {
      throw new TranslationError('invalid_input', 'system blocks must be text blocks', { path: at });
    }
    if (b.cache_control !== undefined && b.cache_control !== null)
      losses.add(`${at}.cache_control`, 'Gemini has no cache breakpoints');
    if (Array.isArray(b.citations) && b.citations.length > 0)
      losses.add(`${at}.citations`, 'Gemini parts carry no citations');
    losses.unknownKeys(b, SYSTEM_BLOCK_KEYS, at);
    parts.push({ text: b.text });
  });
  return parts;
}

const SYSTEM_BLOCK_KEYS = new Set(['type', 'text', 'cache_control', 'citations']);
