/**
 * OpenAI Responses, as Codex calls it: POST /v1/responses (streamed or not), GET /v1/models. Turn 1 streams a
 * reasoning item (a summary in several deltas, and `encrypted_content`) and a function_call item whose
 * arguments arrive in several `response.function_call_arguments.delta` events; turn 2 a message item.
 *
 * Codex offers its tools in one of two ways. For a model it does not know, as top-level `tools` (among them the
 * `exec_command` shell function). For its own models ("code mode"), in an `additional_tools` input item: a
 * `functions` namespace whose freeform (`custom`) tool `exec` takes JavaScript that calls the nested tools
 * (`await tools.exec_command({ cmd })`). Then turn 1 is a custom_tool_call, its input streamed in
 * `response.custom_tool_call_input.delta` events, and the result comes back as a custom_tool_call_output.
 */
import { present, sameArgs, sameString } from './checks.js';
import { allStrings, asArray, asString, isRecord, roughTokens, textOf } from './json.js';
import {
  finalText,
  mentionsRun,
  type OfferedTool,
  pickTool,
  type ScriptPlan,
  splitInto,
  type ToolCallChoice,
  writeCommand,
} from './plan.js';
import { sseEvent } from './sse.js';
import type { FormatHandler, IncomingRequest, Reply, ScriptState } from './types.js';

type Item = Record<string, unknown>;

/** Every tool definition offered: top-level `tools` and the tools of `additional_tools` input items. */
function toolDefinitions(body: Record<string, unknown>, input: Item[]): Item[] {
  const fromInput = input.filter((i) => i.type === 'additional_tools').flatMap((i) => asArray(i.tools));
  return [...asArray(body.tools), ...fromInput].filter(isRecord);
}

/** Function tools at the top level (namespace members are not candidates for a plain function call). */
function offeredFunctions(tools: Item[]): OfferedTool[] {
  return tools
    .filter((t) => t.type === 'function' && typeof t.name === 'string')
    .map((t) => ({ name: t.name as string, schema: t.parameters }));
}

/** Code mode: a freeform `exec` tool (in the `functions` namespace) whose nested tools include exec_command. */
function codeModeChoice(tools: Item[], plan: ScriptPlan): ToolCallChoice | undefined {
  const members = tools
    .filter((t) => t.type === 'namespace' && t.name === 'functions')
    .flatMap((t) => asArray(t.tools));
  const exec = members.filter(isRecord).find((t) => t.type === 'custom' && t.name === 'exec');
  if (!exec || !String(exec.description ?? '').includes('exec_command')) return undefined;
  const input = `const result = await tools.exec_command({ cmd: ${JSON.stringify(writeCommand(plan))} });\ntext(result);\n`;
  return { name: 'exec', args: { input }, kind: 'code-mode' };
}

function chooseTool(tools: Item[], plan: ScriptPlan): ToolCallChoice | undefined {
  return pickTool(offeredFunctions(tools), plan) ?? codeModeChoice(tools, plan);
}

function checkReplay(input: Item[], plan: ScriptPlan, state: ScriptState): void {
  const turn1 = state.turn1;
  if (!turn1) return;
  const type = callItemType(turn1.tool);
  const call = input.find((i) => i.type === type && i.call_id === plan.callId);
  const reasoning = input.find((i) => i.type === 'reasoning');
  state.checks.push(present(`responses.${type} replayed`, call !== undefined, `${type} ${plan.callId}`));
  state.checks.push(sameString(`responses.${type} name`, turn1.tool.name, asString(call?.name)));
  if (type === 'custom_tool_call') {
    state.checks.push(
      sameString('responses.custom_tool_call input', String(turn1.tool.args.input), asString(call?.input)),
    );
  } else {
    let args: unknown;
    try {
      args = typeof call?.arguments === 'string' ? JSON.parse(call.arguments) : undefined;
    } catch {
      args = call?.arguments;
    }
    state.checks.push(sameArgs('responses.function_call arguments', turn1.tool.args, args));
  }
  state.checks.push(
    sameString('responses.reasoning encrypted_content', plan.signature, asString(reasoning?.encrypted_content)),
  );
}

const callItemType = (tool: ToolCallChoice) => (tool.kind === 'code-mode' ? 'custom_tool_call' : 'function_call');
const outputItemType = (tool: ToolCallChoice) =>
  tool.kind === 'code-mode' ? 'custom_tool_call_output' : 'function_call_output';

interface Output {
  reasoning?: { summary: string; encrypted: string };
  call?: ToolCallChoice;
  text?: string;
}

function outputItems(plan: ScriptPlan, seq: number, out: Output): Item[] {
  const items: Item[] = [];
  if (out.reasoning) {
    items.push({
      id: `rs_${plan.nonce}_${seq}`,
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: out.reasoning.summary }],
      encrypted_content: out.reasoning.encrypted,
    });
  }
  if (out.call?.kind === 'code-mode') {
    items.push({
      id: `ctc_${plan.nonce}_${seq}`,
      type: 'custom_tool_call',
      status: 'completed',
      call_id: plan.callId,
      name: out.call.name,
      input: String(out.call.args.input),
    });
  } else if (out.call) {
    items.push({
      id: `fc_${plan.nonce}_${seq}`,
      type: 'function_call',
      status: 'completed',
      arguments: JSON.stringify(out.call.args),
      call_id: plan.callId,
      name: out.call.name,
    });
  }
  if (out.text !== undefined) {
    items.push({
      id: `msg_${plan.nonce}_${seq}`,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: out.text, annotations: [] }],
    });
  }
  return items;
}

function responseJson(id: string, body: Record<string, unknown>, status: string, output: Item[], usage: unknown): Item {
  return {
    id,
    object: 'response',
    created_at: 0,
    status,
    model: asString(body.model) ?? 'scripted',
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    tool_choice: body.tool_choice ?? 'auto',
    tools: [],
    usage,
    error: null,
    incomplete_details: null,
  };
}

function usageFor(body: Record<string, unknown>, output: Item[]): unknown {
  const input = roughTokens(body.input) + roughTokens(body.instructions) + roughTokens(body.tools);
  const outputTokens = roughTokens(output);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + outputTokens,
  };
}

function streamEvents(id: string, body: Record<string, unknown>, items: Item[]): string[] {
  const events: string[] = [];
  let sequence = 0;
  const emit = (type: string, data: Record<string, unknown>) =>
    events.push(sseEvent({ type, sequence_number: sequence++, ...data }, type));
  emit('response.created', { response: responseJson(id, body, 'in_progress', [], null) });
  emit('response.in_progress', { response: responseJson(id, body, 'in_progress', [], null) });
  items.forEach((item, output_index) => {
    const item_id = item.id;
    if (item.type === 'reasoning') {
      emit('response.output_item.added', {
        output_index,
        item: { ...item, summary: [], encrypted_content: undefined },
      });
      const text = asString((asArray(item.summary)[0] as Item | undefined)?.text) ?? '';
      const part = { type: 'summary_text', text: '' };
      emit('response.reasoning_summary_part.added', { item_id, output_index, summary_index: 0, part });
      for (const delta of splitInto(text, 3)) {
        emit('response.reasoning_summary_text.delta', { item_id, output_index, summary_index: 0, delta });
      }
      emit('response.reasoning_summary_text.done', { item_id, output_index, summary_index: 0, text });
      emit('response.reasoning_summary_part.done', {
        item_id,
        output_index,
        summary_index: 0,
        part: { ...part, text },
      });
    } else if (item.type === 'function_call') {
      emit('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      const args = asString(item.arguments) ?? '';
      for (const delta of splitInto(args, 4)) {
        emit('response.function_call_arguments.delta', { item_id, output_index, delta });
      }
      emit('response.function_call_arguments.done', { item_id, output_index, arguments: args });
    } else if (item.type === 'custom_tool_call') {
      emit('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', input: '' } });
      const input = asString(item.input) ?? '';
      for (const delta of splitInto(input, 4)) {
        emit('response.custom_tool_call_input.delta', { item_id, output_index, delta });
      }
      emit('response.custom_tool_call_input.done', { item_id, output_index, input });
    } else if (item.type === 'message') {
      emit('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } });
      const text = asString((asArray(item.content)[0] as Item | undefined)?.text) ?? '';
      const part = { type: 'output_text', text: '', annotations: [] };
      emit('response.content_part.added', { item_id, output_index, content_index: 0, part });
      for (const delta of splitInto(text, 3)) {
        emit('response.output_text.delta', { item_id, output_index, content_index: 0, delta, logprobs: [] });
      }
      emit('response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] });
      emit('response.content_part.done', { item_id, output_index, content_index: 0, part: { ...part, text } });
    }
    emit('response.output_item.done', { output_index, item });
  });
  emit('response.completed', { response: responseJson(id, body, 'completed', items, usageFor(body, items)) });
  return events;
}

function reply(
  kind: string,
  req: IncomingRequest,
  body: Record<string, unknown>,
  out: Output,
  plan: ScriptPlan,
): Reply {
  const id = `resp_${plan.nonce}_${req.seq}`;
  const items = outputItems(plan, req.seq, out);
  if (body.stream === true) return { kind, status: 200, sse: streamEvents(id, body, items) };
  return { kind, status: 200, json: responseJson(id, body, 'completed', items, usageFor(body, items)) };
}

export const responsesHandler: FormatHandler = {
  format: 'openai-responses',
  handle(req: IncomingRequest, plan: ScriptPlan, state: ScriptState): Reply {
    if (req.method === 'GET' && req.path.endsWith('/models')) {
      return { kind: 'side:models', status: 200, json: { object: 'list', data: [] } };
    }
    if (req.method !== 'POST' || !req.path.endsWith('/responses')) {
      return {
        kind: 'unknown',
        status: 404,
        json: { error: { type: 'invalid_request_error', message: 'no such route' } },
      };
    }
    const body = isRecord(req.json) ? req.json : {};
    const input =
      typeof body.input === 'string'
        ? [{ type: 'message', role: 'user', content: body.input }]
        : asArray(body.input).filter(isRecord);
    const tool = chooseTool(toolDefinitions(body, input), plan);
    // A message item may leave out `type` (the "easy" input message form).
    const isMessage = (i: Item) => i.type === 'message' || (i.type === undefined && typeof i.role === 'string');
    const isRun =
      tool !== undefined && input.some((i) => isMessage(i) && allStrings(i).some((s) => mentionsRun(plan, s)));
    if (!isRun) return reply('side:responses', req, body, { text: 'OK' }, plan);

    const result = input.find(
      (i) => (i.type === 'function_call_output' || i.type === 'custom_tool_call_output') && i.call_id === plan.callId,
    );
    if (!result) {
      if (!state.turn1) state.turn1 = { tool, thinkingSent: plan.thinking };
      const sent = state.turn1;
      return reply(
        'turn-1',
        req,
        body,
        { reasoning: { summary: sent.thinkingSent, encrypted: plan.signature }, call: sent.tool },
        plan,
      );
    }
    const again = state.toolResult !== undefined;
    if (!again) {
      state.checks.push({
        name: 'responses.call output type',
        ok: state.turn1 !== undefined && result.type === outputItemType(state.turn1.tool),
        detail: `got ${String(result.type)}`,
      });
      state.toolResult = textOf(result.output);
      checkReplay(input, plan, state);
      state.finalText = finalText(plan, state.toolResult);
    }
    return reply(again ? 'turn-2-again' : 'turn-2', req, body, { text: state.finalText }, plan);
  },
};
