import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';
import { BLANK_TEXT_LOSS, withoutBlankAnthropicText } from '../../formats/anthropic-messages/blank-text.js';
import { convertGeminiContents } from './convert-gemini-contents-to-anthropic.js';
import { convertGeminiToolConfig, convertGeminiTools } from './convert-gemini-tools-to-anthropic.js';
import { applyGeminiGenerationConfig, reconcileThinking } from './convert-generation-config.js';
import { normalizeGeminiRequestKeys } from './normalize-gemini-request-keys.js';

const HANDLED = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);

/**
 * Gemini `generateContent` request -> Anthropic Messages request. The Gemini body names no model
 * and no stream flag (both are in the URL; see `parseGeminiPath`): the model comes from
 * `options.model` (required) and `stream: true` is set when `options.stream` is true.
 * `max_tokens` defaults to `DEFAULT_MAX_TOKENS` when `maxOutputTokens` is absent. snake_case field names
 * (accepted by the Gemini API) are read as their lowerCamelCase spelling.
 */
export function geminiRequestToAnthropic(
  input: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  requireObjectBody(input);
  const body = normalizeGeminiRequestKeys(input);
  const model = options.model;
  if (typeof model !== 'string' || model === '') {
    throw new TranslationError(
      'invalid_input',
      'a Gemini request names its model in the URL: pass it as options.model',
      { path: '' },
    );
  }
  const losses = new LossCollector(options.strict);
  const version = options.anthropicVersion ?? '2023-06-01';
  const out: Record<string, unknown> = { model };
  applyGeminiGenerationConfig(body.generationConfig, out, version, losses);
  const system = convertSystemInstruction(body.systemInstruction, losses);
  if (system !== undefined) out.system = system;
  out.messages = convertGeminiContents(body.contents, losses);
  if (body.tools !== undefined) {
    const tools = convertGeminiTools(body.tools, losses);
    if (tools.length > 0) out.tools = tools;
  }
  if (body.toolConfig !== undefined) {
    const choice = convertGeminiToolConfig(body.toolConfig, losses);
    if (choice) out.tool_choice = choice;
  }
  reconcileThinking(body.generationConfig, out, losses);
  const stream = options.stream === true;
  if (stream) out.stream = true;
  for (const key of Object.keys(body)) {
    if (!HANDLED.has(key)) losses.add(key, `${key} has no Anthropic equivalent`);
  }
  const context: RequestContext = { clientModel: model, stream, anthropicVersion: version };
  if (asksForStreamedArguments(body.toolConfig)) context[GEMINI_STREAMED_ARGUMENTS] = true;
  return { body: out, losses: losses.list, context };
}

function convertSystemInstruction(
  si: unknown,
  losses: LossCollector,
): string | Array<{ type: 'text'; text: string }> | undefined {
  if (si === undefined) return undefined;
  if (!isRecord(si) || !Array.isArray(si.parts))
    throw new TranslationError('invalid_input', 'systemInstruction needs parts', { path: 'systemInstruction' });
  const blocks: Array<{ type: 'text'; text: string }> = [];
  const paths: string[] = [];
  si.parts.forEach((p, i) => {
    const at = `systemInstruction.parts[${i}]`;
    if (isRecord(p) && typeof p.text === 'string') {
      losses.unknownKeys(p, TEXT_ONLY, at);
      if (p.text !== '') {
        blocks.push({ type: 'text', text: p.text });
        paths.push(at);
      }
    } else losses.add(at, 'only text can go into the Anthropic system prompt');
  });
  for (const key of Object.keys(si))
    if (key !== 'parts' && key !== 'role') losses.add(`systemInstruction.${key}`, 'not supported');
  const texts = withoutBlankAnthropicText(blocks, (i) => losses.add(paths[i] ?? '', BLANK_TEXT_LOSS)).map((b) =>
    String(b.text),
  );
  if (texts.length === 0) return undefined;
  return texts.length === 1 ? texts[0] : texts.map((text) => ({ type: 'text' as const, text }));
}

const TEXT_ONLY = new Set(['text']);

/**
 * The context key saying that the Gemini client asked for streamed function-call arguments
 * (`toolConfig.functionCallingConfig.streamFunctionCallArguments`, docs/wire-formats.md#gemini-stream): its stream
 * then gets calls as `partialArgs` parts, else whole.
 */
export const GEMINI_STREAMED_ARGUMENTS = 'geminiStreamFunctionCallArguments';

function asksForStreamedArguments(toolConfig: unknown): boolean {
  return (
    isRecord(toolConfig) &&
    isRecord(toolConfig.functionCallingConfig) &&
    toolConfig.functionCallingConfig.streamFunctionCallArguments === true
  );
}
