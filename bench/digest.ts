/**
 * What a translation must keep, read out of any format: the bench checks every contender's output once, outside
 * the timed part, against the input's digest. A contender whose output differs (or that throws) is reported and
 * not timed: a translator that drops a tool call or the usage is not doing the same work.
 *
 * Requests: the system prompt, each message's texts (with the role), tool calls (name and arguments as JSON
 * values), tool results (which call they answer and their text), images (media type and base64 length), the tool
 * names and the output token limit. Responses and streams: all text, tool calls, the stop reason's class and the
 * output token count; streams also the terminal event.
 */
import type { Format } from './inputs.js';
import { decodeFrames, parseSSEText } from './wire.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** JSON text with keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` compare equal. */
export function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (isRec(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

function parseArgs(text: unknown): string {
  if (typeof text !== 'string') return canon(text);
  try {
    return canon(JSON.parse(text === '' ? '{}' : text));
  } catch {
    return `unparsable ${JSON.stringify(text.slice(0, 40))}`;
  }
}

/** Text of a string or a list of text blocks/parts. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  return arr(v)
    .map((b) => (isRec(b) ? (str(b.text) ?? '') : ''))
    .join('');
}

/**
 * The text a tool result carries, wherever a format puts it. A string that is a JSON object with one of the
 * wrapping keys (`{"output": …}`) counts as its content: carrying Gemini's response object whole loses nothing.
 */
function resultText(v: unknown): string {
  if (typeof v === 'string') {
    if (!v.startsWith('{')) return v;
    try {
      const o = JSON.parse(v) as unknown;
      return isRec(o) && ['content', 'result', 'output', 'text'].some((k) => o[k] !== undefined) ? resultText(o) : v;
    } catch {
      return v;
    }
  }
  if (Array.isArray(v))
    return v
      .map((b) => (isRec(b) ? (str(b.text) ?? (b.json !== undefined ? resultText(b.json) : '')) : resultText(b)))
      .join('');
  if (isRec(v)) {
    for (const k of ['content', 'result', 'output', 'text']) if (v[k] !== undefined) return resultText(v[k]);
    for (const x of Object.values(v)) if (typeof x === 'string') return x;
  }
  return canon(v);
}

/** Tool calls numbered in order; a result names the call it answers by id, or else by the oldest open call of its name. */
class Calls {
  private readonly byId = new Map<string, number>();
  private readonly open: { name: string; n: number }[] = [];
  private next = 0;
  call(id: unknown, name: string): number {
    const n = this.next++;
    if (typeof id === 'string') this.byId.set(id, n);
    this.open.push({ name, n });
    return n;
  }
  result(id: unknown, name?: unknown): string {
    let n = typeof id === 'string' ? this.byId.get(id) : undefined;
    if (n === undefined && typeof name === 'string') n = this.open.find((c) => c.name === name)?.n;
    if (n === undefined) return '?';
    const at = this.open.findIndex((c) => c.n === n);
    if (at >= 0) this.open.splice(at, 1);
    return String(n);
  }
}

function dataUrl(url: string): string {
  const m = /^data:([^;,]+);base64,/.exec(url);
  return m ? `image ${m[1]} ${url.length - m[0].length}` : `image url ${url.slice(0, 40)}`;
}

// ---------------------------------------------------------------------------------------------- requests

function messagesRequest(b: Rec): string[] {
  const out: string[] = [];
  const calls = new Calls();
  if (b.system !== undefined) out.push(`system: ${textOf(b.system)}`);
  for (const m of arr(b.messages)) {
    if (!isRec(m)) continue;
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : arr(m.content);
    for (const x of blocks) {
      if (!isRec(x)) continue;
      if (x.type === 'text') {
        if (x.text !== '') out.push(`${m.role}: ${x.text}`);
      } else if (x.type === 'tool_use')
        out.push(`call ${calls.call(x.id, String(x.name))} ${x.name} ${canon(x.input)}`);
      else if (x.type === 'tool_result')
        out.push(`result ${calls.result(x.tool_use_id)}: ${resultText(x.content ?? '')}`);
      else if (x.type === 'image' && isRec(x.source))
        out.push(
          x.source.type === 'base64'
            ? `image ${x.source.media_type} ${String(x.source.data).length}`
            : dataUrl(String(x.source.url)),
        );
      else out.push(`block ${String(x.type)}`);
    }
  }
  out.push(
    `tools: ${arr(b.tools)
      .map((t) => (isRec(t) ? t.name : '?'))
      .join(',')}`,
  );
  out.push(`max ${b.max_tokens}`);
  return out;
}

function chatRequest(b: Rec): string[] {
  const out: string[] = [];
  const calls = new Calls();
  for (const m of arr(b.messages)) {
    if (!isRec(m)) continue;
    if (m.role === 'system' || m.role === 'developer') {
      out.push(`system: ${textOf(m.content)}`);
      continue;
    }
    if (m.role === 'tool') {
      out.push(`result ${calls.result(m.tool_call_id)}: ${resultText(m.content)}`);
      continue;
    }
    const parts = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : arr(m.content);
    for (const p of parts) {
      if (!isRec(p)) continue;
      if (p.type === 'text') {
        if (p.text !== '') out.push(`${m.role}: ${p.text}`);
      } else if (p.type === 'image_url' && isRec(p.image_url)) out.push(dataUrl(String(p.image_url.url)));
      else out.push(`part ${String(p.type)}`);
    }
    for (const c of arr(m.tool_calls)) {
      if (isRec(c) && isRec(c.function))
        out.push(
          `call ${calls.call(c.id, String(c.function.name))} ${c.function.name} ${parseArgs(c.function.arguments)}`,
        );
    }
  }
  out.push(
    `tools: ${arr(b.tools)
      .map((t) => (isRec(t) && isRec(t.function) ? t.function.name : '?'))
      .join(',')}`,
  );
  out.push(`max ${b.max_completion_tokens ?? b.max_tokens}`);
  return out;
}

function geminiRequest(b: Rec): string[] {
  const out: string[] = [];
  const calls = new Calls();
  if (isRec(b.systemInstruction)) out.push(`system: ${textOf(b.systemInstruction.parts)}`);
  for (const c of arr(b.contents)) {
    if (!isRec(c)) continue;
    const role = c.role === 'model' ? 'assistant' : 'user';
    for (const p of arr(c.parts)) {
      if (!isRec(p)) continue;
      if (typeof p.text === 'string') {
        if (p.text !== '') out.push(`${role}: ${p.text}`);
      } else if (isRec(p.functionCall))
        out.push(
          `call ${calls.call(p.functionCall.id, String(p.functionCall.name))} ${p.functionCall.name} ${canon(p.functionCall.args ?? {})}`,
        );
      else if (isRec(p.functionResponse))
        out.push(
          `result ${calls.result(p.functionResponse.id, p.functionResponse.name)}: ${resultText(p.functionResponse.response)}`,
        );
      else if (isRec(p.inlineData)) out.push(`image ${p.inlineData.mimeType} ${String(p.inlineData.data).length}`);
      else out.push(`part ${Object.keys(p).join(',')}`);
    }
  }
  const decls = arr(b.tools).flatMap((t) => (isRec(t) ? arr(t.functionDeclarations) : []));
  out.push(`tools: ${decls.map((d) => (isRec(d) ? d.name : '?')).join(',')}`);
  out.push(`max ${isRec(b.generationConfig) ? b.generationConfig.maxOutputTokens : undefined}`);
  return out;
}

function converseRequest(b: Rec): string[] {
  const out: string[] = [];
  const calls = new Calls();
  if (b.system !== undefined) out.push(`system: ${textOf(b.system)}`);
  for (const m of arr(b.messages)) {
    if (!isRec(m)) continue;
    for (const x of arr(m.content)) {
      if (!isRec(x)) continue;
      if (typeof x.text === 'string') {
        if (x.text !== '') out.push(`${m.role}: ${x.text}`);
      } else if (isRec(x.toolUse))
        out.push(
          `call ${calls.call(x.toolUse.toolUseId, String(x.toolUse.name))} ${x.toolUse.name} ${canon(x.toolUse.input)}`,
        );
      else if (isRec(x.toolResult))
        out.push(`result ${calls.result(x.toolResult.toolUseId)}: ${resultText(x.toolResult.content)}`);
      else if (isRec(x.image) && isRec(x.image.source))
        out.push(`image image/${x.image.format} ${String(x.image.source.bytes).length}`);
      else out.push(`block ${Object.keys(x).join(',')}`);
    }
  }
  const tools = isRec(b.toolConfig) ? arr(b.toolConfig.tools) : [];
  out.push(`tools: ${tools.map((t) => (isRec(t) && isRec(t.toolSpec) ? t.toolSpec.name : '?')).join(',')}`);
  out.push(`max ${isRec(b.inferenceConfig) ? b.inferenceConfig.maxTokens : undefined}`);
  return out;
}

const REQUEST: Record<Format, (b: Rec) => string[]> = {
  'anthropic-messages': messagesRequest,
  'openai-chat': chatRequest,
  gemini: geminiRequest,
  'bedrock-converse': converseRequest,
};

export function requestDigest(format: Format, body: unknown): string[] {
  if (!isRec(body)) return [`not an object: ${typeof body}`];
  return REQUEST[format](body);
}

// ---------------------------------------------------------------------------------------------- responses and streams

/** The stop reason's class, whatever the format calls it. */
function stopClass(reason: unknown): string {
  switch (reason) {
    case 'end_turn':
    case 'stop':
    case 'STOP':
    case 'stop_sequence':
      return 'end';
    case 'tool_use':
    case 'tool_calls':
    case 'function_call':
      return 'tool';
    case 'max_tokens':
    case 'length':
    case 'MAX_TOKENS':
      return 'length';
    default:
      return `other ${String(reason)}`;
  }
}

interface Outcome {
  text: string;
  calls: { name: string; args: string }[];
  stop?: unknown;
  outputTokens?: unknown;
  ended?: boolean;
}

function items(o: Outcome, gemini = false): string[] {
  let stop = stopClass(o.stop);
  // Gemini says STOP for an answer that ends in a function call
  if (gemini && stop === 'end' && o.calls.length > 0) stop = 'tool';
  return [
    `text: ${o.text}`,
    ...o.calls.map((c) => `call ${c.name} ${parseArgs(c.args)}`),
    `stop ${stop}`,
    `output_tokens ${o.outputTokens}`,
    ...(o.ended === undefined ? [] : [o.ended ? 'ended' : 'not ended']),
  ];
}

const RESPONSE: Record<Format, (b: Rec) => string[]> = {
  'anthropic-messages': (b) => {
    const o: Outcome = {
      text: '',
      calls: [],
      stop: b.stop_reason,
      outputTokens: isRec(b.usage) ? b.usage.output_tokens : undefined,
    };
    for (const x of arr(b.content)) {
      if (!isRec(x)) continue;
      if (x.type === 'text') o.text += str(x.text) ?? '';
      else if (x.type === 'tool_use') o.calls.push({ name: String(x.name), args: canon(x.input) });
    }
    return items(o);
  },
  'openai-chat': (b) => {
    const choice = arr(b.choices)[0];
    const m = isRec(choice) && isRec(choice.message) ? choice.message : {};
    const o: Outcome = {
      text: textOf(m.content ?? ''),
      calls: [],
      stop: isRec(choice) ? choice.finish_reason : undefined,
      outputTokens: isRec(b.usage) ? b.usage.completion_tokens : undefined,
    };
    for (const c of arr(m.tool_calls))
      if (isRec(c) && isRec(c.function))
        o.calls.push({ name: String(c.function.name), args: String(c.function.arguments) });
    return items(o);
  },
  gemini: (b) => {
    const cand = arr(b.candidates)[0];
    const o: Outcome = {
      text: '',
      calls: [],
      stop: isRec(cand) ? cand.finishReason : undefined,
      outputTokens: isRec(b.usageMetadata) ? b.usageMetadata.candidatesTokenCount : undefined,
    };
    for (const p of isRec(cand) && isRec(cand.content) ? arr(cand.content.parts) : []) {
      if (!isRec(p)) continue;
      if (typeof p.text === 'string') o.text += p.text;
      else if (isRec(p.functionCall))
        o.calls.push({ name: String(p.functionCall.name), args: canon(p.functionCall.args ?? {}) });
    }
    return items(o, true);
  },
  'bedrock-converse': (b) => {
    const m = isRec(b.output) && isRec(b.output.message) ? b.output.message : {};
    const o: Outcome = {
      text: '',
      calls: [],
      stop: b.stopReason,
      outputTokens: isRec(b.usage) ? b.usage.outputTokens : undefined,
    };
    for (const x of arr(m.content)) {
      if (!isRec(x)) continue;
      if (typeof x.text === 'string') o.text += x.text;
      else if (isRec(x.toolUse)) o.calls.push({ name: String(x.toolUse.name), args: canon(x.toolUse.input) });
    }
    return items(o);
  },
};

export function responseDigest(format: Format, body: unknown): string[] {
  if (!isRec(body)) return [`not an object: ${typeof body}`];
  return RESPONSE[format](body);
}

function jsonEvents(text: string): { event?: string; data: unknown }[] {
  return parseSSEText(text).map((m) => {
    if (m.data === '[DONE]') return { event: m.event, data: '[DONE]' };
    try {
      return { event: m.event, data: JSON.parse(m.data) as unknown };
    } catch {
      return { event: m.event, data: `unparsable ${m.data.slice(0, 40)}` };
    }
  });
}

const STREAM: Record<Format, (bytes: Uint8Array) => string[]> = {
  'anthropic-messages': (bytes) => {
    const o: Outcome = { text: '', calls: [], ended: false };
    const tools = new Map<number, { name: string; args: string }>();
    for (const { data: e } of jsonEvents(new TextDecoder().decode(bytes))) {
      if (!isRec(e)) continue;
      if (e.type === 'content_block_start' && isRec(e.content_block) && e.content_block.type === 'tool_use') {
        const c = { name: String(e.content_block.name), args: '' };
        tools.set(Number(e.index), c);
        o.calls.push(c);
      } else if (e.type === 'content_block_delta' && isRec(e.delta)) {
        if (e.delta.type === 'text_delta') o.text += str(e.delta.text) ?? '';
        else if (e.delta.type === 'input_json_delta') {
          const c = tools.get(Number(e.index));
          if (c) c.args += str(e.delta.partial_json) ?? '';
        }
      } else if (e.type === 'message_delta') {
        if (isRec(e.delta)) o.stop = e.delta.stop_reason;
        if (isRec(e.usage)) o.outputTokens = e.usage.output_tokens;
      } else if (e.type === 'message_stop') o.ended = true;
      else if (e.type === 'error') o.text += `[error event ${JSON.stringify(e.error)}]`;
    }
    return items(o);
  },
  'openai-chat': (bytes) => {
    const o: Outcome = { text: '', calls: [], ended: false };
    const tools = new Map<number, { name: string; args: string }>();
    for (const { data: c } of jsonEvents(new TextDecoder().decode(bytes))) {
      if (c === '[DONE]') {
        o.ended = true;
        continue;
      }
      if (!isRec(c)) continue;
      if (isRec(c.error)) o.text += `[error ${JSON.stringify(c.error)}]`;
      if (isRec(c.usage)) o.outputTokens = c.usage.completion_tokens;
      for (const ch of arr(c.choices)) {
        if (!isRec(ch)) continue;
        if (ch.finish_reason != null) o.stop = ch.finish_reason;
        if (!isRec(ch.delta)) continue;
        if (typeof ch.delta.content === 'string') o.text += ch.delta.content;
        for (const t of arr(ch.delta.tool_calls)) {
          if (!isRec(t)) continue;
          const index = Number(t.index ?? 0);
          let call = tools.get(index);
          if (!call) {
            call = { name: '', args: '' };
            tools.set(index, call);
            o.calls.push(call);
          }
          if (isRec(t.function)) {
            if (typeof t.function.name === 'string') call.name += t.function.name;
            if (typeof t.function.arguments === 'string') call.args += t.function.arguments;
          }
        }
      }
    }
    return items(o);
  },
  gemini: (bytes) => {
    const o: Outcome = { text: '', calls: [], ended: false };
    for (const { data: c } of jsonEvents(new TextDecoder().decode(bytes))) {
      if (!isRec(c)) continue;
      if (isRec(c.error)) o.text += `[error ${JSON.stringify(c.error)}]`;
      if (isRec(c.usageMetadata) && c.usageMetadata.candidatesTokenCount !== undefined)
        o.outputTokens = c.usageMetadata.candidatesTokenCount;
      const cand = arr(c.candidates)[0];
      if (!isRec(cand)) continue;
      if (cand.finishReason !== undefined) {
        o.stop = cand.finishReason;
        o.ended = true;
      }
      for (const p of isRec(cand.content) ? arr(cand.content.parts) : []) {
        if (!isRec(p)) continue;
        if (typeof p.text === 'string') o.text += p.text;
        else if (isRec(p.functionCall))
          o.calls.push({ name: String(p.functionCall.name), args: canon(p.functionCall.args ?? {}) });
      }
    }
    return items(o, true);
  },
  'bedrock-converse': (bytes) => {
    const o: Outcome = { text: '', calls: [], ended: false };
    const tools = new Map<number, { name: string; args: string }>();
    const utf8 = new TextDecoder();
    for (const f of decodeFrames(bytes)) {
      const type = f.headers[':event-type']?.value ?? f.headers[':exception-type']?.value;
      const e = JSON.parse(utf8.decode(f.body) || '{}') as unknown;
      if (!isRec(e)) continue;
      if (f.headers[':message-type']?.value !== 'event') o.text += `[${String(type)} ${JSON.stringify(e)}]`;
      else if (type === 'contentBlockStart' && isRec(e.start) && isRec(e.start.toolUse)) {
        const c = { name: String(e.start.toolUse.name), args: '' };
        tools.set(Number(e.contentBlockIndex), c);
        o.calls.push(c);
      } else if (type === 'contentBlockDelta' && isRec(e.delta)) {
        if (typeof e.delta.text === 'string') o.text += e.delta.text;
        else if (isRec(e.delta.toolUse)) {
          const c = tools.get(Number(e.contentBlockIndex));
          if (c) c.args += str(e.delta.toolUse.input) ?? '';
        }
      } else if (type === 'messageStop') {
        o.stop = e.stopReason;
        o.ended = true;
      } else if (type === 'metadata' && isRec(e.usage)) o.outputTokens = e.usage.outputTokens;
    }
    return items(o);
  },
};

/** The digest of a whole stream's bytes; the terminal event's presence is part of it. */
export function streamDigest(format: Format, bytes: Uint8Array): string[] {
  return STREAM[format](bytes);
}

/** Why `actual` is not `expected` (first difference), or undefined when they agree. */
export function digestDifference(expected: string[], actual: string[]): string | undefined {
  const clip = (s: string | undefined) => (s === undefined ? '(nothing)' : s.length > 90 ? `${s.slice(0, 90)}…` : s);
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i])
      return `item ${i + 1}: expected \`${clip(expected[i])}\`, got \`${clip(actual[i])}\``;
  }
  return undefined;
}
