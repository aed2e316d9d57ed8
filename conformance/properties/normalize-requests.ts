import { isRecord } from '../../src/core/narrow.js';

/**
 * The normalization under which a round trip must give back the original request (documented in
 * docs/conformance-suite.md, "Round trip"). Each rule is a pair of spellings the formats cannot tell apart.
 */

type Json = Record<string, unknown>;

const textBlock = (text: string): Json => ({ type: 'text', text });

/** Anthropic: string content ≡ one text block (messages, system, tool_result). */
function anthropicBlocks(content: unknown): unknown {
  if (typeof content === 'string') return [textBlock(content)];
  if (!Array.isArray(content)) return content;
  return content.map((b) => {
    if (!isRecord(b) || b.type !== 'tool_result') return b;
    const r: Json = { ...b, content: b.content === undefined ? [] : anthropicBlocks(b.content) };
    if (r.is_error === false) delete r.is_error; // is_error false ≡ absent
    return r;
  });
}

/**
 * Anthropic request normal form: string content ≡ `[{type:"text",text}]` (also `system` and tool results);
 * consecutive messages of the same role ≡ one message with their blocks concatenated; `stream: false` ≡ absent;
 * `is_error: false` ≡ absent; `disable_parallel_tool_use: false` ≡ absent;
 * `tool_choice: {type:"auto"}` ≡ absent (the default).
 */
export function normalizeAnthropicRequest(req: unknown): unknown {
  if (!isRecord(req)) return req;
  const out: Json = { ...req };
  if (out.stream === false) delete out.stream;
  if (out.system !== undefined) out.system = anthropicBlocks(out.system);
  if (Array.isArray(out.messages)) {
    const merged: Json[] = [];
    for (const m of out.messages) {
      if (!isRecord(m)) return req;
      const content = anthropicBlocks(m.content);
      const last = merged.at(-1);
      if (last && last.role === m.role && Array.isArray(last.content) && Array.isArray(content)) {
        last.content = [...last.content, ...content];
      } else {
        merged.push({ ...m, content });
      }
    }
    out.messages = merged;
  }
  if (isRecord(out.tool_choice) && out.tool_choice.disable_parallel_tool_use === false) {
    const { disable_parallel_tool_use: _, ...rest } = out.tool_choice;
    out.tool_choice = rest;
  }
  if (isRecord(out.tool_choice) && out.tool_choice.type === 'auto' && Object.keys(out.tool_choice).length === 1)
    delete out.tool_choice;
  return out;
}

function openaiParts(content: unknown): unknown {
  if (typeof content === 'string') return [textBlock(content)];
  if (content === null || content === undefined) return [];
  return content;
}

/**
 * OpenAI request normal form: string content ≡ `[{type:"text",text}]`; assistant `content: null` ≡ absent ≡ `[]`;
 * `developer` ≡ `system` (Anthropic has one system role); `max_tokens` ≡ `max_completion_tokens`; `stop: "x"` ≡
 * `["x"]`; `stream: false` ≡ absent; `parallel_tool_calls: true` ≡ absent and `tool_choice: "auto"` ≡ absent (the
 * defaults; Anthropic needs a tool_choice to carry `parallel_tool_calls: false`);
 * with `tool_choice: "none"`, `parallel_tool_calls` is not compared (no tool can be called); `refusal: null` ≡ absent;
 * `stream_options` is not compared (an Anthropic stream always carries usage).
 */
/** A blank text part (whitespace only) joins the text part before it, else the one after it; alone, it stays. */
function joinBlankParts(parts: unknown, textType = 'text'): unknown {
  if (!Array.isArray(parts)) return parts;
  const blank = (p: unknown): boolean =>
    isRecord(p) && p.type === textType && typeof p.text === 'string' && /^\s*$/.test(p.text);
  const isText = (p: unknown): p is Json => isRecord(p) && p.type === textType && typeof p.text === 'string';
  const textBlock = (text: string): Json => ({ type: textType, text });
  const out: unknown[] = [];
  let waiting = '';
  for (const p of parts) {
    const prev = out.at(-1);
    if (blank(p) && isText(prev) && waiting === '')
      out[out.length - 1] = { ...prev, text: `${String(prev.text)}${String((p as Json).text)}` };
    else if (blank(p)) waiting += String((p as Json).text);
    else if (isText(p) && waiting !== '') {
      out.push({ ...p, text: `${waiting}${String(p.text)}` });
      waiting = '';
    } else {
      if (waiting !== '') out.push(textBlock(waiting));
      waiting = '';
      out.push(p);
    }
  }
  if (waiting !== '') out.push(textBlock(waiting));
  return out;
}

export function normalizeOpenAIRequest(req: unknown): unknown {
  if (!isRecord(req)) return req;
  const out: Json = { ...req };
  if (out.stream === false) delete out.stream;
  delete out.stream_options;
  if (out.parallel_tool_calls === true) delete out.parallel_tool_calls;
  if (out.tool_choice === 'auto') delete out.tool_choice;
  if (out.tool_choice === 'none') delete out.parallel_tool_calls; // meaningless when no tool may be called
  if (out.max_tokens !== undefined && out.max_completion_tokens === undefined) {
    out.max_completion_tokens = out.max_tokens;
    delete out.max_tokens;
  }
  if (typeof out.stop === 'string') out.stop = [out.stop];
  if (Array.isArray(out.messages)) {
    out.messages = out.messages
      .map((m) => {
        if (!isRecord(m)) return m;
        const role = m.role === 'developer' ? 'system' : m.role;
        const n: Json = { ...m, role, content: joinBlankParts(openaiParts(m.content)) };
        if (n.refusal === null) delete n.refusal;
        return n;
      })
      // a system or user message whose content was all lost (blank text) is not there, nor an assistant message
      // left with nothing; the user messages around it are one turn
      .filter((m) => !(isRecord(m) && (m.role === 'system' || m.role === 'user') && isEmptyList(m.content)))
      .filter((m) => !(isRecord(m) && m.role === 'assistant' && isEmptyList(m.content) && !hasCalls(m)))
      .reduce<unknown[]>((acc, m) => {
        const last = acc.at(-1);
        if (isRecord(m) && isRecord(last) && m.role === 'user' && last.role === 'user' && Array.isArray(last.content)) {
          acc[acc.length - 1] = { ...last, content: joinBlankParts([...last.content, ...(m.content as unknown[])]) };
        } else acc.push(m);
        return acc;
      }, []);
  }
  return out;
}

function hasCalls(m: Json): boolean {
  return Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
}

function isEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length === 0;
}

const inputTextPart = (text: string): Json => ({ type: 'input_text', text });

/** A Responses message's parts in normal form: string ≡ one text part; `detail: "auto"` ≡ absent; empty annotations ≡ absent. */
function responsesParts(content: unknown, role: unknown): unknown {
  if (typeof content === 'string')
    return [role === 'assistant' ? { type: 'output_text', text: content } : inputTextPart(content)];
  if (!Array.isArray(content)) return content;
  return content.map((p) => {
    if (!isRecord(p)) return p;
    const out: Json = { ...p };
    if (out.detail === 'auto') delete out.detail;
    if (Array.isArray(out.annotations) && out.annotations.length === 0) delete out.annotations;
    if (Array.isArray(out.logprobs) && out.logprobs.length === 0) delete out.logprobs;
    return out;
  });
}

/**
 * Responses request normal form: `input` string ≡ one user message; a message's `type: "message"` ≡ absent;
 * `developer` ≡ `system`; string content ≡ one text part; item `id` / `status` ≡ absent (they name stored items);
 * `instructions` and the leading system messages ≡ one leading `system` list of their texts; consecutive user (or
 * assistant) messages ≡ one message with their parts concatenated; replayed `reasoning` items are left out (their
 * replay is checked on its own, signature byte for byte); `strict: false` on a tool ≡ absent; `tool_choice: "auto"`,
 * `parallel_tool_calls: true`, `stream: false`, `store: false`, `metadata: {}`, `truncation: "disabled"` ≡ absent; `reasoning.summary` is not compared (Anthropic always
 * summarizes); with `tool_choice: "none"`,
 * `parallel_tool_calls` is not compared; `include: ["reasoning.encrypted_content"]` ≡ absent.
 */
export function normalizeResponsesRequest(req: unknown): unknown {
  if (!isRecord(req)) return req;
  const out: Json = { ...req };
  for (const key of ['stream', 'store'] as const) if (out[key] === false) delete out[key];
  if (isRecord(out.metadata) && Object.keys(out.metadata).length === 0) delete out.metadata;
  if (out.truncation === 'disabled') delete out.truncation;
  if (Array.isArray(out.include)) {
    const rest = out.include.filter((v) => v !== 'reasoning.encrypted_content');
    if (rest.length === 0) delete out.include;
    else out.include = rest;
  }
  if (isRecord(out.reasoning)) {
    const { summary: _s, ...rest } = out.reasoning;
    if (Object.keys(rest).length > 0) out.reasoning = rest;
    else delete out.reasoning;
  }
  if (out.tool_choice === 'auto') delete out.tool_choice;
  if (out.parallel_tool_calls === true || out.tool_choice === 'none') delete out.parallel_tool_calls;
  if (Array.isArray(out.tools))
    out.tools = out.tools.map((t) => {
      if (!isRecord(t) || t.strict !== false) return t;
      const { strict: _, ...rest } = t;
      return rest;
    });
  const items: unknown[] =
    typeof out.input === 'string' ? [{ role: 'user', content: out.input }] : Array.isArray(out.input) ? out.input : [];
  const system: unknown[] = typeof out.instructions === 'string' ? [out.instructions] : [];
  delete out.instructions;
  const merged: Json[] = [];
  for (const raw of items) {
    if (!isRecord(raw)) return req;
    const { id: _id, status: _status, ...item } = raw;
    if (item.type === 'reasoning') continue;
    const isMessage = item.type === undefined || item.type === 'message';
    if (!isMessage) {
      merged.push(item);
      continue;
    }
    const role = item.role === 'developer' ? 'system' : item.role;
    const parts = joinBlankParts(
      responsesParts(item.content, role),
      role === 'assistant' ? 'output_text' : 'input_text',
    );
    // a message whose content was all lost (blank text) is not there: the messages around it make one turn
    if (parts === undefined || (Array.isArray(parts) && parts.length === 0)) continue;
    if (role === 'system' && merged.length === 0 && Array.isArray(parts)) {
      for (const p of parts) system.push(isRecord(p) ? p.text : p);
      continue;
    }
    const last = merged.at(-1);
    if (last && last.role === role && role !== 'system' && Array.isArray(last.content) && Array.isArray(parts))
      last.content = [...last.content, ...parts];
    else merged.push({ role, content: parts });
  }
  out.input = merged;
  if (system.length > 0) out.system = system;
  return out;
}
