import type { StreamScript } from './stream-script.js';

type Json = Record<string, unknown>;

/** The Responses usage of a script: `input_tokens` includes cache reads and cache writes. */
export function scriptResponsesUsage(s: StreamScript): Json {
  const input = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: s.usage.cacheRead, cache_write_tokens: s.usage.cacheWrite },
    output_tokens: s.usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + s.usage.output,
  };
}

function shell(s: StreamScript, status: string, output: Json[], extra: Json = {}): Json {
  return {
    id: `resp_${s.id}`,
    object: 'response',
    created_at: 1700000000,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    model: s.model,
    output,
    parallel_tool_calls: true,
    temperature: null,
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    metadata: {},
    usage: null,
    ...extra,
  };
}

/**
 * Render a script as a valid OpenAI Responses event sequence (docs/wire-formats.md#responses-stream-events), as
 * a Responses server streams it: `response.created`, `response.in_progress`, one item per block (thinking -> a
 * `reasoning` item whose summary streams in the block's pieces and whose `encrypted_content` is the signature;
 * text -> a `message` item with one `output_text` part; a tool call -> a `function_call` item with its argument
 * fragments), then `response.completed`, or `response.incomplete` for a cut by the token limit (reason
 * `max_output_tokens`) or a refusal (reason `content_filter`). A matched stop sequence cannot be said
 * (`completed`). `sequence_number` counts from 0.
 */
export function renderResponsesEvents(s: StreamScript): Json[] {
  const events: Json[] = [];
  const ev = (type: string, fields: Json) => events.push({ type, sequence_number: events.length, ...fields });
  ev('response.created', { response: shell(s, 'in_progress', []) });
  ev('response.in_progress', { response: shell(s, 'in_progress', []) });
  const output: Json[] = [];
  s.blocks.forEach((b, output_index) => {
    if (b.kind === 'thinking') {
      const id = `rs_${s.id}_${output_index}`;
      const text = b.pieces.join('');
      ev('response.output_item.added', { output_index, item: { id, type: 'reasoning', summary: [] } });
      const at = { item_id: id, output_index, summary_index: 0 };
      ev('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
      for (const delta of b.pieces) ev('response.reasoning_summary_text.delta', { ...at, delta });
      ev('response.reasoning_summary_text.done', { ...at, text });
      ev('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
      const item = { id, type: 'reasoning', summary: [{ type: 'summary_text', text }], encrypted_content: b.signature };
      ev('response.output_item.done', { output_index, item });
      output.push(item);
    } else if (b.kind === 'text') {
      const id = `msg_${s.id}_${output_index}`;
      const text = b.pieces.join('');
      ev('response.output_item.added', {
        output_index,
        item: { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      });
      const at = { item_id: id, output_index, content_index: 0 };
      const part = (t: string) => ({ type: 'output_text', annotations: [], logprobs: [], text: t });
      ev('response.content_part.added', { ...at, part: part('') });
      for (const delta of b.pieces) ev('response.output_text.delta', { ...at, delta, logprobs: [] });
      ev('response.output_text.done', { ...at, text, logprobs: [] });
      ev('response.content_part.done', { ...at, part: part(text) });
      const item = { id, type: 'message', status: 'completed', content: [part(text)], role: 'assistant' };
      ev('response.output_item.done', { output_index, item });
      output.push(item);
    } else {
      const id = `fc_${s.id}_${output_index}`;
      const args = b.fragments.join('');
      const base = { id, type: 'function_call', status: 'in_progress', arguments: '', call_id: b.id, name: b.name };
      ev('response.output_item.added', { output_index, item: base });
      for (const delta of b.fragments)
        if (delta !== '') ev('response.function_call_arguments.delta', { item_id: id, output_index, delta });
      ev('response.function_call_arguments.done', { item_id: id, output_index, arguments: args });
      const item = { ...base, status: 'completed', arguments: args };
      ev('response.output_item.done', { output_index, item });
      output.push(item);
    }
  });
  const usage = scriptResponsesUsage(s);
  if (s.stop === 'max_tokens' || s.stop === 'refusal') {
    const reason = s.stop === 'max_tokens' ? 'max_output_tokens' : 'content_filter';
    ev('response.incomplete', {
      response: shell(s, 'incomplete', output, { incomplete_details: { reason }, usage }),
    });
  } else ev('response.completed', { response: shell(s, 'completed', output, { usage }) });
  return events;
}
