import { zSchema } from '../../generated/gemini/zod.gen.js';
import { isRecord } from '../../src/core/narrow.js';
import { foldGeminiChunks } from '../arbitraries/fold-gemini-chunks.js';
import { readGeminiJson } from '../mocks/gemini/read-gemini-json.js';
import {
  arr,
  canonicalSchema,
  defined,
  dropDefaults,
  dropEmpty,
  idNamer,
  inlineRefs,
  isEmpty,
  type Json,
  num,
  rec,
} from './common.js';
import { messageAt, statusMeaning } from './errors.js';
import { tidy } from './schema-tidy.js';
import { schemaOf } from './schemas.js';
import type { FormatMeaning, StreamMeaning } from './types.js';

/**
 * Gemini `generateContent` by meaning.
 *
 * Request, as Google reads it: first Google's own reading of the JSON (`readGeminiJson`: snake_case proto names ≡
 * lowerCamelCase, enum values in any case), then the spec's fields only (a `model` key or any other vendor key
 * dropped; null ≡ absent where optional); a content's missing role ≡ `user`; consecutive contents of one role ≡ one;
 * `systemInstruction`'s role ignored; function declarations of several tool objects ≡ one list; a declaration's
 * `parameters` (the Schema subset, upper-case types) ≡ `parametersJsonSchema` (JSON Schema) and `responseSchema` ≡
 * `responseJsonSchema`, both read as the Schema subset in canonical form (what the model gets either way); ids of
 * function calls and responses ignored (optional; Google pairs calls and responses by order); a function response `{result: x}` ≡ `{output: x}` (Google hands the model the
 * output, or the whole response when it has no `output`); `functionCallingConfig.mode: AUTO`, `candidateCount: 1` ≡ absent; empty
 * `systemInstruction`, `tools`, `toolConfig`, `generationConfig`, `stopSequences` ≡ absent.
 *
 * Answer, as the SDK's `GenerateContentResponse` (its stream accumulated the way `fold-gemini-chunks.ts` does): per
 * candidate the parts (adjacent text parts of one kind joined; thoughts with their signature; function calls with
 * args, ids by order; signatures where they are), finish reason and message; `promptFeedback.blockReason`; usage
 * (prompt, candidates, thoughts, cached, total; absent ≡ 0). `responseId`, `modelVersion` and timestamps are not
 * part of the meaning.
 */

const SUBSET_KEYS = new Set(Object.keys(zSchema.shape));
/** Proto int64 fields of `Schema`: canonical JSON writes them as strings, numbers are accepted. */
const INT64_KEYS = new Set(['minItems', 'maxItems', 'minProperties', 'maxProperties', 'minLength', 'maxLength']);

/** A schema read as the `Schema` subset: what the model gets from `parameters` or `parametersJsonSchema` alike. */
function subset(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(subset);
  if (!isRecord(s)) return s;
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (!SUBSET_KEYS.has(k)) continue;
    if (k === 'properties' && isRecord(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, subset(p)]));
    else if (k === 'items' || k === 'anyOf') out[k] = subset(v);
    else if (INT64_KEYS.has(k) && typeof v === 'string' && /^\d+$/.test(v)) out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

function schemaMeaning(s: unknown): unknown {
  return s === undefined ? undefined : canonicalSchema(subset(inlineRefs(s)));
}

type Namer = (id: unknown) => unknown;

/**
 * A function response as the model reads it: Google takes `response.output` as the function's output, and a response
 * without `output` (or `error`) as the output whole, so `{output: x}` and `{result: x}` both hand the model `x`.
 */
function functionOutput(r: unknown): unknown {
  if (!isRecord(r)) return r;
  const keys = Object.keys(r);
  return keys.length === 1 && (keys[0] === 'output' || keys[0] === 'result') ? { output: r[keys[0]] } : r;
}

/** `ids` names call ids by order; `undefined` drops them (in requests Gemini pairs calls and responses by order). */
function part(p: unknown, ids: Namer | undefined): unknown {
  if (!isRecord(p)) return p;
  const out: Json = { ...p };
  if (isRecord(p.functionCall))
    out.functionCall = defined({ ...p.functionCall, id: ids?.(p.functionCall.id), args: p.functionCall.args ?? {} });
  if (isRecord(p.functionResponse))
    out.functionResponse = defined({
      ...p.functionResponse,
      id: ids?.(p.functionResponse.id),
      response: functionOutput(p.functionResponse.response),
    });
  if (p.thought === false) delete out.thought;
  return out;
}

function contents(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const out: Json[] = [];
  for (const c of list) {
    if (!isRecord(c)) {
      out.push({ invalid: c });
      continue;
    }
    const role = c.role ?? 'user';
    const parts = arr(c.parts).map((p) => part(p, undefined));
    const prev = out.at(-1);
    if (prev && prev.role === role) prev.parts = [...arr(prev.parts), ...parts];
    else out.push({ ...c, role, parts });
  }
  return out;
}

function tools(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const declarations: unknown[] = [];
  const others: unknown[] = [];
  for (const t of list) {
    if (!isRecord(t)) {
      others.push(t);
      continue;
    }
    for (const d of arr(t.functionDeclarations)) {
      if (!isRecord(d)) {
        declarations.push(d);
        continue;
      }
      declarations.push(
        defined({
          ...d,
          description: d.description === '' ? undefined : d.description,
          parameters: undefined,
          parametersJsonSchema: undefined,
          response: undefined,
          responseJsonSchema: undefined,
          schema: schemaMeaning(d.parameters ?? d.parametersJsonSchema),
          responseSchema: schemaMeaning(d.response ?? d.responseJsonSchema),
        }),
      );
    }
    const rest = defined({ ...t, functionDeclarations: undefined });
    if (Object.keys(rest).length > 0) others.push(rest);
  }
  const out = [...others];
  if (declarations.length > 0) out.unshift({ functionDeclarations: declarations });
  return out;
}

function generationConfig(gc: unknown): unknown {
  if (!isRecord(gc)) return gc;
  const t = dropDefaults(gc, { candidateCount: 1 });
  const out = defined({
    ...t,
    responseSchema: undefined,
    responseJsonSchema: undefined,
    schema: schemaMeaning(t.responseSchema ?? t.responseJsonSchema),
    thinkingConfig: isEmpty(t.thinkingConfig) ? undefined : t.thinkingConfig,
  });
  return dropEmpty(out, ['stopSequences']);
}

function toolConfig(tc: unknown): unknown {
  if (!isRecord(tc)) return tc;
  const fcc = rec(tc.functionCallingConfig);
  const mode = fcc.mode === 'AUTO' ? undefined : fcc.mode;
  const f = defined({ ...fcc, mode });
  return defined({ ...tc, functionCallingConfig: isEmpty(f) ? undefined : f });
}

function request(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const t = tidy(schemaOf('gemini', 'request'), readGeminiJson(body)) as Json;
  const si = isRecord(t.systemInstruction) ? defined({ ...t.systemInstruction, role: undefined }) : t.systemInstruction;
  const out = {
    ...t,
    contents: contents(t.contents),
    systemInstruction: isRecord(si) && isEmpty(si.parts) ? undefined : si,
    tools: tools(t.tools),
    toolConfig: toolConfig(t.toolConfig),
    generationConfig: generationConfig(t.generationConfig),
  };
  return defined(dropEmpty(out, ['systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'safetySettings']));
}

function answerParts(list: unknown): unknown[] {
  const ids = idNamer();
  const out: Json[] = [];
  for (const raw of arr(list)) {
    if (!isRecord(raw)) continue;
    const p = part(raw, ids) as Json;
    const prev = out.at(-1);
    const textOnly = (x: Json) =>
      typeof x.text === 'string' &&
      Object.keys(x).every((k) => k === 'text' || k === 'thought' || k === 'thoughtSignature');
    if (p.text === '' && p.thoughtSignature === undefined) continue;
    if (
      prev &&
      textOnly(prev) &&
      textOnly(p) &&
      (prev.thought === true) === (p.thought === true) &&
      (p.thought === true || prev.thoughtSignature === undefined)
    ) {
      prev.text = `${String(prev.text)}${String(p.text)}`;
      if (p.thoughtSignature !== undefined) prev.thoughtSignature = p.thoughtSignature;
      continue;
    }
    out.push({ ...p });
  }
  return out;
}

/** A `GenerateContentResponse` (or the fold of a stream) as the SDK's user reads it. */
export function geminiResponseMeaning(body: unknown): unknown {
  if (!isRecord(body)) return { invalid: body };
  const t = tidy(schemaOf('gemini', 'response'), body) as Json;
  const u = rec(t.usageMetadata);
  return defined({
    candidates: arr(t.candidates).map((c) => {
      const cand = rec(c);
      return defined({
        parts: answerParts(rec(cand.content).parts),
        finishReason: cand.finishReason,
        finishMessage: cand.finishMessage,
      });
    }),
    blockReason: rec(t.promptFeedback).blockReason,
    usage: {
      promptTokenCount: num(u.promptTokenCount),
      candidatesTokenCount: num(u.candidatesTokenCount),
      thoughtsTokenCount: num(u.thoughtsTokenCount),
      cachedContentTokenCount: num(u.cachedContentTokenCount),
      totalTokenCount: num(u.totalTokenCount),
    },
  });
}

function stream(events: readonly unknown[]): StreamMeaning {
  const folded = foldGeminiChunks(events);
  if (folded.error !== undefined)
    return { end: folded.complete ? 'error, then a clean end' : 'error', error: rec(folded.error).status ?? 'error' };
  if (!folded.complete) return { end: 'cut short' };
  return { end: 'complete', message: geminiResponseMeaning(folded.message) };
}

/** A Gemini error as the SDK reads it: the error class (status) and a `google.rpc.Status` body with a message. */
function error(status: number, body: unknown): unknown {
  return { status: statusMeaning(status), message: messageAt(body, 'error', 'message') };
}

export const geminiMeaning: FormatMeaning = { request, response: geminiResponseMeaning, stream, error };
