import { LossCollector } from '../../../src/core/losses.js';
import { isRecord } from '../../../src/core/narrow.js';
import { convertGeminiSchemaToJsonSchema } from '../../../src/formats/gemini/convert-gemini-schema-to-json-schema.js';
import type { ScriptPrompt } from '../../scripted-model/script.js';
import { geminiAgentView } from '../agent-views.js';

function partsOf(content: unknown): Record<string, unknown>[] {
  return isRecord(content) && Array.isArray(content.parts) ? content.parts.filter(isRecord) : [];
}

/** Every text the model reads from parts: text, function call arguments, function responses. */
function partTexts(parts: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p.text === 'string' && p.thought !== true) out.push(p.text);
    else if (isRecord(p.functionCall)) out.push(JSON.stringify(p.functionCall.args ?? {}));
    else if (isRecord(p.functionResponse)) out.push(JSON.stringify(p.functionResponse.response ?? {}));
  }
  return out;
}

function lastUserText(contents: readonly unknown[]): string {
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i];
    if (!isRecord(c) || c.role === 'model') continue;
    const parts = partsOf(c);
    const texts = parts.filter((p) => typeof p.text === 'string').map((p) => p.text as string);
    if (texts.length > 0) return texts.join('\n');
    return partTexts(parts).join('\n');
  }
  return '';
}

function forcedTool(body: Record<string, unknown>): ScriptPrompt['forcedTool'] {
  const fcc =
    isRecord(body.toolConfig) && isRecord(body.toolConfig.functionCallingConfig)
      ? body.toolConfig.functionCallingConfig
      : undefined;
  if (fcc?.mode !== 'ANY') return undefined;
  const decls: Record<string, unknown>[] = [];
  if (Array.isArray(body.tools))
    for (const t of body.tools)
      if (isRecord(t) && Array.isArray(t.functionDeclarations)) decls.push(...t.functionDeclarations.filter(isRecord));
  const allowed = Array.isArray(fcc.allowedFunctionNames) ? fcc.allowedFunctionNames : [];
  const decl = decls.find((d) => allowed.length === 0 || allowed.includes(d.name));
  if (!decl || typeof decl.name !== 'string') return undefined;
  const inputSchema = isRecord(decl.parametersJsonSchema)
    ? decl.parametersJsonSchema
    : decl.parameters !== undefined
      ? convertGeminiSchemaToJsonSchema(decl.parameters, '', new LossCollector())
      : { type: 'object', properties: {} };
  return { name: decl.name, inputSchema };
}

/** `toolConfig.functionCallingConfig.streamFunctionCallArguments` (docs/wire-formats.md#gemini-request). */
function streamArguments(body: Record<string, unknown>): boolean {
  const tc = isRecord(body.toolConfig) ? body.toolConfig : {};
  return isRecord(tc.functionCallingConfig) && tc.functionCallingConfig.streamFunctionCallArguments === true;
}

/** What the scripted model reads from a Gemini `generateContent` body. */
export function geminiPrompt(
  body: Record<string, unknown>,
): ScriptPrompt & { includeThoughts: boolean; streamArguments: boolean } {
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const gc = isRecord(body.generationConfig) ? body.generationConfig : {};
  const tc = isRecord(gc.thinkingConfig) ? gc.thinkingConfig : undefined;
  const thinking =
    tc !== undefined && tc.thinkingBudget !== 0 && (tc.thinkingBudget !== undefined || tc.thinkingLevel !== undefined);
  const inputTexts = [...partTexts(partsOf(body.systemInstruction))];
  for (const c of contents) inputTexts.push(...partTexts(partsOf(c)));
  return {
    lastUserText: lastUserText(contents),
    inputTexts,
    maxTokens: typeof gc.maxOutputTokens === 'number' ? gc.maxOutputTokens : undefined,
    stopSequences: Array.isArray(gc.stopSequences)
      ? gc.stopSequences.filter((s): s is string => typeof s === 'string')
      : [],
    thinking,
    forcedTool: forcedTool(body),
    agent: geminiAgentView(body),
    includeThoughts: tc?.includeThoughts === true,
    streamArguments: streamArguments(body),
  };
}
