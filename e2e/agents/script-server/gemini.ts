/**
 * Gemini, as Gemini CLI calls it: POST /v1beta/models/{model}:streamGenerateContent?alt=sse, :generateContent,
 * :countTokens, GET /v1beta/models. Turn 1 streams thought parts (when the request asks for thoughts) and a
 * functionCall part carrying a `thoughtSignature`; Gemini has no argument deltas, so the call's arguments come
 * whole in one part. Turn 2 streams the final text over several chunks. Side requests that ask for JSON
 * (`responseMimeType: application/json`, e.g. the CLI's model router and next-speaker check) get an object built
 * from their response schema.
 */
import { argumentsFromSchema } from '../../../conformance/scripted-model/arguments-from-schema.js';
import { present, sameArgs, sameString } from './checks.js';
import { allStrings, asArray, asString, isRecord, roughTokens } from './json.js';
import { finalText, mentionsRun, type OfferedTool, pickTool, type ScriptPlan, splitInto } from './plan.js';
import { sseEvent } from './sse.js';
import type { FormatHandler, IncomingRequest, Reply, ScriptState } from './types.js';

type Part = Record<string, unknown>;

function offeredTools(body: Record<string, unknown>): OfferedTool[] {
  return asArray(body.tools)
    .filter(isRecord)
    .flatMap((t) => asArray(t.functionDeclarations))
    .filter(isRecord)
    .filter((f) => typeof f.name === 'string')
    .map((f) => ({ name: f.name as string, schema: f.parametersJsonSchema ?? lowerCaseTypes(f.parameters) }));
}

/** Gemini `Schema` objects spell types in upper case (`OBJECT`, `STRING`); JSON Schema in lower case. */
function lowerCaseTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerCaseTypes);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'type' && typeof v === 'string' ? v.toLowerCase() : lowerCaseTypes(v);
  return out;
}

function partsOf(content: unknown): Part[] {
  return isRecord(content) ? asArray(content.parts).filter(isRecord) : [];
}

/** The text of a functionResponse's `response` (`output` or `error` when it is a string, else its JSON). */
export function functionResponseText(response: unknown): string {
  if (isRecord(response)) {
    if (typeof response.output === 'string') return response.output;
    if (typeof response.error === 'string') return response.error;
  }
  return JSON.stringify(response);
}

function checkReplay(contents: unknown[], state: ScriptState, plan: ScriptPlan): void {
  const turn1 = state.turn1;
  if (!turn1) return;
  const callPart = contents
    .filter((c) => isRecord(c) && c.role === 'model')
    .flatMap(partsOf)
    .find((p) => isRecord(p.functionCall) && p.functionCall.name === turn1.tool.name);
  const call = isRecord(callPart?.functionCall) ? callPart.functionCall : undefined;
  state.checks.push(present('gemini.functionCall replayed', call !== undefined, `functionCall ${turn1.tool.name}`));
  state.checks.push(sameArgs('gemini.functionCall args', turn1.tool.args, call?.args));
  state.checks.push(sameString('gemini.thoughtSignature', plan.signature, asString(callPart?.thoughtSignature)));
}

function chunk(parts: Part[], model: string, id: string, finish?: { usage: unknown }): unknown {
  return {
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(finish ? { finishReason: 'STOP' } : {}) }],
    ...(finish ? { usageMetadata: finish.usage } : {}),
    modelVersion: model,
    responseId: id,
  };
}

function usageFor(body: Record<string, unknown>, parts: Part[]): unknown {
  const prompt = roughTokens(body.contents) + roughTokens(body.systemInstruction) + roughTokens(body.tools);
  const candidates = roughTokens(parts);
  return { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates };
}

/** The model name from `/v1beta/models/{model}:{method}`. */
function modelOf(path: string): string {
  const match = /\/models\/([^/:]+):/.exec(path);
  return match ? decodeURIComponent(match[1]) : 'scripted';
}

function reply(
  kind: string,
  req: IncomingRequest,
  body: Record<string, unknown>,
  parts: Part[],
  plan: ScriptPlan,
): Reply {
  const model = modelOf(req.path);
  const id = `${plan.nonce}_${req.seq}`;
  const usage = usageFor(body, parts);
  if (!req.path.endsWith(':streamGenerateContent'))
    return { kind, status: 200, json: chunk(parts, model, id, { usage }) };
  // One chunk per part (a text or thought part split in three), the last one with finishReason and usage.
  const pieces: Part[] = [];
  for (const part of parts) {
    if (typeof part.text === 'string' && part.functionCall === undefined) {
      for (const text of splitInto(part.text, 3)) pieces.push({ ...part, text });
    } else {
      pieces.push(part);
    }
  }
  const sse = pieces.map((p, i) => sseEvent(chunk([p], model, id, i === pieces.length - 1 ? { usage } : undefined)));
  return { kind, status: 200, sse };
}

function wantsJson(body: Record<string, unknown>): boolean {
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  return config.responseMimeType === 'application/json';
}

function jsonSideReply(req: IncomingRequest, body: Record<string, unknown>, plan: ScriptPlan): Reply {
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const schema = lowerCaseTypes(config.responseJsonSchema ?? config.responseSchema);
  return reply('side:json', req, body, [{ text: JSON.stringify(argumentsFromSchema(schema)) }], plan);
}

export const geminiHandler: FormatHandler = {
  format: 'gemini',
  handle(req: IncomingRequest, plan: ScriptPlan, state: ScriptState): Reply {
    if (req.method === 'GET' && /\/models\/?$/.test(req.path)) {
      return { kind: 'side:models', status: 200, json: { models: [] } };
    }
    const body = isRecord(req.json) ? req.json : {};
    if (req.method === 'POST' && req.path.endsWith(':countTokens')) {
      return { kind: 'side:countTokens', status: 200, json: { totalTokens: roughTokens(body.contents) } };
    }
    if (req.method !== 'POST' || !/:(stream)?[gG]enerateContent$/.test(req.path)) {
      return {
        kind: 'unknown',
        status: 404,
        json: { error: { code: 404, message: 'no such route', status: 'NOT_FOUND' } },
      };
    }
    if (wantsJson(body)) return jsonSideReply(req, body, plan);
    const contents = asArray(body.contents);
    const tool = pickTool(offeredTools(body), plan);
    const isRun = tool !== undefined && contents.some((c) => allStrings(c).some((s) => mentionsRun(plan, s)));
    if (!isRun) return reply('side:generateContent', req, body, [{ text: 'OK' }], plan);

    const toolName = state.turn1?.tool.name;
    const response = contents
      .filter((c) => isRecord(c) && c.role === 'user')
      .flatMap(partsOf)
      .map((p) => p.functionResponse)
      .find((r) => isRecord(r) && toolName !== undefined && r.name === toolName);
    if (!isRecord(response)) {
      const config = isRecord(body.generationConfig) ? body.generationConfig : {};
      const thinking = isRecord(config.thinkingConfig) ? config.thinkingConfig : {};
      const thinkingSent = thinking.includeThoughts === true ? plan.thinking : '';
      if (!state.turn1) state.turn1 = { tool, thinkingSent };
      const sent = state.turn1;
      const parts: Part[] = [];
      if (sent.thinkingSent !== '') parts.push({ text: sent.thinkingSent, thought: true });
      parts.push({ functionCall: { name: sent.tool.name, args: sent.tool.args }, thoughtSignature: plan.signature });
      return reply('turn-1', req, body, parts, plan);
    }
    const again = state.toolResult !== undefined;
    if (!again) {
      state.toolResult = functionResponseText(response.response);
      checkReplay(contents, state, plan);
      state.finalText = finalText(plan, state.toolResult);
    }
    return reply(again ? 'turn-2-again' : 'turn-2', req, body, [{ text: state.finalText ?? '' }], plan);
  },
};
