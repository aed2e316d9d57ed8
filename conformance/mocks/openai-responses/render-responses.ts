import { isRecord } from '../../../src/core/narrow.js';
import { chunkText } from '../../scripted-model/chunk-text.js';
import type { Script } from '../../scripted-model/script.js';

type Json = Record<string, unknown>;

export interface ResponsesRenderOptions {
  model: string;
  created: number;
  /** the request (its settings are echoed; `reasoning.summary` and `include` decide what reasoning shows) */
  body: Json;
  chunkSize: number;
}

function usage(script: Script): Json {
  return {
    input_tokens: script.usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: script.usage.outputTokens,
    output_tokens_details: { reasoning_tokens: script.usage.thinkingTokens },
    total_tokens: script.usage.inputTokens + script.usage.outputTokens,
  };
}

function response(script: Script, o: ResponsesRenderOptions, status: string, output: Json[], extra: Json = {}): Json {
  const b = o.body;
  return {
    id: `resp_${script.id}`,
    object: 'response',
    created_at: o.created,
    status,
    error: null,
    incomplete_details: null,
    instructions: typeof b.instructions === 'string' ? b.instructions : null,
    max_output_tokens: typeof b.max_output_tokens === 'number' ? b.max_output_tokens : null,
    model: o.model,
    output,
    parallel_tool_calls: b.parallel_tool_calls !== false,
    previous_response_id: null,
    reasoning: isRecord(b.reasoning) ? b.reasoning : { effort: null, summary: null },
    store: b.store !== false,
    temperature: typeof b.temperature === 'number' ? b.temperature : 1,
    text: isRecord(b.text) ? b.text : { format: { type: 'text' } },
    tool_choice: b.tool_choice ?? 'auto',
    tools: Array.isArray(b.tools) ? b.tools : [],
    top_p: typeof b.top_p === 'number' ? b.top_p : 1,
    truncation: b.truncation ?? 'disabled',
    usage: null,
    metadata: isRecord(b.metadata) ? b.metadata : {},
    ...extra,
  };
}

/** The output items of a script: reasoning (summary when asked, encrypted content when included), text, calls. */
export function scriptOutput(script: Script, body: Json): Json[] {
  const out: Json[] = [];
  if (script.thinking) {
    const r = isRecord(body.reasoning) ? body.reasoning : {};
    const summary = typeof (r.summary ?? r.generate_summary) === 'string';
    const item: Json = {
      id: `rs_${script.id}`,
      type: 'reasoning',
      summary: summary ? [{ type: 'summary_text', text: script.thinking.text }] : [],
    };
    if (Array.isArray(body.include) && body.include.includes('reasoning.encrypted_content'))
      item.encrypted_content = script.thinking.signature;
    out.push(item);
  }
  if (script.text !== '' || script.toolCalls.length === 0) {
    out.push({
      id: `msg_${script.id}`,
      type: 'message',
      status: script.stop === 'max_tokens' ? 'incomplete' : 'completed',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: script.text }],
      role: 'assistant',
    });
  }
  for (const call of script.toolCalls)
    out.push({
      id: `fc_${call.id}`,
      type: 'function_call',
      status: 'completed',
      arguments: JSON.stringify(call.input),
      call_id: `call_${call.id}`,
      name: call.name,
    });
  return out;
}

function terminal(script: Script, o: ResponsesRenderOptions, output: Json[]): { type: string; response: Json } {
  const cut = script.stop === 'max_tokens';
  return {
    type: cut ? 'response.incomplete' : 'response.completed',
    response: response(script, o, cut ? 'incomplete' : 'completed', output, {
      incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
      usage: usage(script),
    }),
  };
}

/** A script as a Responses `response` object (docs/wire-formats.md#responses-output-items). */
export function renderResponsesResponse(script: Script, o: ResponsesRenderOptions): Json {
  return terminal(script, o, scriptOutput(script, o.body)).response;
}

/**
 * A script as the Responses event stream (docs/wire-formats.md#responses-stream-events): `response.created`,
 * `response.in_progress`, each item (summary, text and arguments in pieces of `chunkSize` code points), then
 * `response.completed` or `response.incomplete` with the whole response. `sequence_number` from 0.
 */
export function renderResponsesEvents(script: Script, o: ResponsesRenderOptions): Json[] {
  const events: Json[] = [];
  const ev = (type: string, fields: Json) => events.push({ type, sequence_number: events.length, ...fields });
  ev('response.created', { response: response(script, o, 'in_progress', []) });
  ev('response.in_progress', { response: response(script, o, 'in_progress', []) });
  const output = scriptOutput(script, o.body);
  output.forEach((item, output_index) => {
    const id = item.id;
    if (item.type === 'reasoning') {
      ev('response.output_item.added', { output_index, item: { id, type: 'reasoning', summary: [] } });
      (item.summary as Json[]).forEach((part, summary_index) => {
        const at = { item_id: id, output_index, summary_index };
        const text = String(part.text);
        ev('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
        for (const delta of chunkText(text, o.chunkSize)) ev('response.reasoning_summary_text.delta', { ...at, delta });
        ev('response.reasoning_summary_text.done', { ...at, text });
        ev('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
      });
    } else if (item.type === 'message') {
      ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } });
      const text = String((item.content as Json[])[0]?.text ?? '');
      const at = { item_id: id, output_index, content_index: 0 };
      const part = (t: string) => ({ type: 'output_text', annotations: [], logprobs: [], text: t });
      ev('response.content_part.added', { ...at, part: part('') });
      for (const delta of chunkText(text, o.chunkSize))
        ev('response.output_text.delta', { ...at, delta, logprobs: [] });
      ev('response.output_text.done', { ...at, text, logprobs: [] });
      ev('response.content_part.done', { ...at, part: part(text) });
    } else {
      ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      const args = String(item.arguments);
      for (const delta of chunkText(args, o.chunkSize))
        ev('response.function_call_arguments.delta', { item_id: id, output_index, delta });
      ev('response.function_call_arguments.done', { item_id: id, output_index, arguments: args });
    }
    ev('response.output_item.done', { output_index, item });
  });
  const end = terminal(script, o, output);
  ev(end.type, { response: end.response });
  return events;
}
