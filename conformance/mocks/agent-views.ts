import { LossCollector } from '../../src/core/losses.js';
import { isRecord } from '../../src/core/narrow.js';
import { convertGeminiSchemaToJsonSchema } from '../../src/formats/gemini/convert-gemini-schema-to-json-schema.js';
import {
  type AgentView,
  agentReplayViolations,
  type OfferedTool,
  type ReplayedCall,
  type ReplayedResult,
  type ReplayedThinking,
} from '../scripted-model/agent-script.js';
import type { ScriptPrompt } from '../scripted-model/script.js';
import type { RuleViolation } from './mock-types.js';

/**
 * Each format's request body as the scripted agent model reads it (conformance/scripted-model/agent-script.ts):
 * the user texts, the offered tools, the replayed calls, results and signatures. Field names as in
 * docs/wire-formats.md.
 */

type Json = Record<string, unknown>;

const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Text of a string or of a list of parts carrying `text` (any part type), joined with "\n". */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return records(value)
    .map((p) => (typeof p.text === 'string' ? p.text : isRecord(p.json) ? JSON.stringify(p.json) : ''))
    .filter((t) => t !== '')
    .join('\n');
}

/** Tool-call arguments sent as a JSON string (OpenAI); the raw string when it does not parse. */
function parseArguments(args: unknown): unknown {
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

interface Collected {
  userTexts: string[];
  calls: ReplayedCall[];
  results: ReplayedResult[];
  thinking: ReplayedThinking[];
}

const collected = (): Collected => ({ userTexts: [], calls: [], results: [], thinking: [] });

/** Anthropic Messages (also the body of Bedrock InvokeModel and Vertex rawPredict for Claude). */
export function anthropicAgentView(body: Json): AgentView {
  const c = collected();
  for (const m of records(body.messages)) {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : records(m.content);
    for (const b of blocks) {
      if (m.role === 'user' && b.type === 'text' && typeof b.text === 'string') c.userTexts.push(b.text);
      else if (b.type === 'tool_result')
        c.results.push({ id: str(b.tool_use_id), name: undefined, text: textOf(b.content) });
      else if (b.type === 'tool_use') c.calls.push({ id: str(b.id), name: String(b.name), input: b.input });
      else if (b.type === 'thinking' && typeof b.signature === 'string')
        c.thinking.push({ text: str(b.thinking), signature: b.signature });
    }
  }
  const thinking = isRecord(body.thinking) ? body.thinking.type : undefined;
  return {
    ...c,
    tools: records(body.tools)
      .filter((t) => typeof t.name === 'string' && t.input_schema !== undefined && t.defer_loading !== true)
      .map((t) => ({ name: String(t.name), schema: t.input_schema })),
    signed: thinking === 'enabled' || thinking === 'adaptive',
    callIdPrefix: 'toolu_',
  };
}

/** OpenAI Chat Completions: no reasoning on the wire, so nothing signed. */
export function openaiAgentView(body: Json): AgentView {
  const c = collected();
  for (const m of records(body.messages)) {
    if (m.role === 'user') c.userTexts.push(textOf(m.content));
    else if (m.role === 'tool') c.results.push({ id: str(m.tool_call_id), name: undefined, text: textOf(m.content) });
    else if (m.role === 'assistant')
      for (const call of records(m.tool_calls)) {
        const fn = isRecord(call.function) ? call.function : {};
        c.calls.push({ id: str(call.id), name: String(fn.name), input: parseArguments(fn.arguments) });
      }
  }
  return {
    ...c,
    tools: records(body.tools)
      .filter((t) => t.type === 'function' && isRecord(t.function) && typeof t.function.name === 'string')
      .map((t) => {
        const fn = t.function as Json;
        return { name: String(fn.name), schema: fn.parameters };
      }),
    signed: false,
    callIdPrefix: 'call_',
  };
}

/** OpenAI Responses: the reasoning item's `encrypted_content` is the signature (when `include` asks for it). */
export function responsesAgentView(body: Json, reasoning: boolean): AgentView {
  const c = collected();
  const items = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : records(body.input);
  for (const i of items) {
    const type = i.type ?? 'message';
    if (type === 'message' && i.role === 'user') c.userTexts.push(textOf(i.content));
    else if (type === 'function_call')
      c.calls.push({ id: str(i.call_id), name: String(i.name), input: parseArguments(i.arguments) });
    else if (type === 'function_call_output')
      c.results.push({ id: str(i.call_id), name: undefined, text: textOf(i.output) });
    else if (type === 'reasoning' && typeof i.encrypted_content === 'string')
      c.thinking.push({ text: undefined, signature: i.encrypted_content });
  }
  const include = Array.isArray(body.include) ? body.include : [];
  return {
    ...c,
    tools: records(body.tools)
      .filter((t) => t.type === 'function' && typeof t.name === 'string')
      .map((t) => ({ name: String(t.name), schema: t.parameters })),
    signed: reasoning && include.includes('reasoning.encrypted_content'),
    callIdPrefix: 'call_',
  };
}

/** A Gemini `functionResponse.response` as text: its `output` (or `error`) string, else its JSON. */
export function functionResponseText(response: unknown): string {
  if (isRecord(response)) {
    if (typeof response.output === 'string') return response.output;
    if (typeof response.error === 'string') return response.error;
  }
  return JSON.stringify(response ?? {});
}

function geminiTools(body: Json): OfferedTool[] {
  return records(body.tools)
    .flatMap((t) => records(t.functionDeclarations))
    .filter((d) => typeof d.name === 'string')
    .map((d) => ({
      name: String(d.name),
      schema:
        d.parametersJsonSchema ??
        (d.parameters === undefined ? {} : convertGeminiSchemaToJsonSchema(d.parameters, '', new LossCollector())),
    }));
}

/**
 * Gemini: calls pair with their results by name (an `id` is optional); the thought signature rides on the
 * function call part, and Gemini's thinking models always send one with a call.
 */
export function geminiAgentView(body: Json): AgentView {
  const c = collected();
  for (const content of records(body.contents)) {
    for (const p of records(content.parts)) {
      if (content.role !== 'model' && typeof p.text === 'string') c.userTexts.push(p.text);
      if (isRecord(p.functionCall))
        c.calls.push({
          id: str(p.functionCall.id),
          name: String(p.functionCall.name),
          input: p.functionCall.args ?? {},
        });
      if (isRecord(p.functionResponse))
        c.results.push({
          id: str(p.functionResponse.id),
          name: str(p.functionResponse.name),
          text: functionResponseText(p.functionResponse.response),
        });
      if (content.role === 'model' && typeof p.thoughtSignature === 'string')
        c.thinking.push({ text: undefined, signature: p.thoughtSignature });
    }
  }
  return { ...c, tools: geminiTools(body), signed: true, callIdPrefix: undefined };
}

/** Bedrock Converse: `reasoningContent.reasoningText` carries the text and its signature. */
export function converseAgentView(body: Json): AgentView {
  const c = collected();
  for (const m of records(body.messages)) {
    for (const b of records(m.content)) {
      if (m.role === 'user' && typeof b.text === 'string') c.userTexts.push(b.text);
      if (isRecord(b.toolUse))
        c.calls.push({ id: str(b.toolUse.toolUseId), name: String(b.toolUse.name), input: b.toolUse.input });
      if (isRecord(b.toolResult))
        c.results.push({ id: str(b.toolResult.toolUseId), name: undefined, text: textOf(b.toolResult.content) });
      const reasoning = isRecord(b.reasoningContent) ? b.reasoningContent.reasoningText : undefined;
      if (isRecord(reasoning) && typeof reasoning.signature === 'string')
        c.thinking.push({ text: str(reasoning.text), signature: reasoning.signature });
    }
  }
  const tc = isRecord(body.toolConfig) ? body.toolConfig : {};
  const extra = isRecord(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {};
  const thinking = isRecord(extra.thinking) ? extra.thinking.type : undefined;
  return {
    ...c,
    tools: records(tc.tools)
      .filter((t) => isRecord(t.toolSpec))
      .map((t) => {
        const spec = t.toolSpec as Json;
        return { name: String(spec.name), schema: isRecord(spec.inputSchema) ? spec.inputSchema.json : undefined };
      }),
    signed: thinking === 'enabled' || thinking === 'adaptive',
    callIdPrefix: 'tooluse_',
  };
}

/** Turn 2's replay checks as the mock's rule violations (none outside an agent conversation). */
export function agentViolations(prompt: ScriptPrompt): RuleViolation[] {
  return prompt.agent ? agentReplayViolations(prompt, prompt.agent).map((v) => ({ ...v })) : [];
}
