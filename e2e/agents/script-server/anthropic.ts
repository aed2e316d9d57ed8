/**
 * Anthropic Messages, as Claude Code calls it: POST /v1/messages (streamed or not, `?beta=true` accepted),
 * POST /v1/messages/count_tokens, GET /v1/models. Turn 1 streams a thinking block (text, then its signature)
 * and a tool_use block whose input arrives in several input_json_delta events; turn 2 a text block.
 */
import { present, sameArgs, sameString } from './checks.js';
import { allStrings, asArray, asString, isRecord, roughTokens, textOf } from './json.js';
import { finalText, mentionsRun, type OfferedTool, pickTool, type ScriptPlan, splitInto } from './plan.js';
import { sseEvent } from './sse.js';
import type { FormatHandler, IncomingRequest, Reply, ScriptState } from './types.js';

type Block = Record<string, unknown>;

function offeredTools(body: Record<string, unknown>): OfferedTool[] {
  return asArray(body.tools)
    .filter(isRecord)
    .filter((t) => typeof t.name === 'string' && t.defer_loading !== true)
    .map((t) => ({ name: t.name as string, schema: t.input_schema }));
}

function blocksOf(message: unknown): Block[] {
  if (!isRecord(message)) return [];
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return asArray(message.content).filter(isRecord);
}

function findToolResult(messages: unknown[], callId: string): Block | undefined {
  for (const m of messages) {
    if (!isRecord(m) || m.role !== 'user') continue;
    const found = blocksOf(m).find((b) => b.type === 'tool_result' && b.tool_use_id === callId);
    if (found) return found;
  }
  return undefined;
}

/** Turn-2 checks: the assistant turn that carried our tool call came back with its thinking and signature. */
function checkReplay(messages: unknown[], plan: ScriptPlan, state: ScriptState, result: Block): void {
  const turn1 = state.turn1;
  if (!turn1) return;
  const assistant = messages.find(
    (m) =>
      isRecord(m) && m.role === 'assistant' && blocksOf(m).some((b) => b.type === 'tool_use' && b.id === plan.callId),
  );
  const blocks = blocksOf(assistant);
  const toolUse = blocks.find((b) => b.type === 'tool_use' && b.id === plan.callId);
  const thinking = blocks.find((b) => b.type === 'thinking');
  state.checks.push(present('anthropic.tool_use replayed', toolUse !== undefined, `tool_use ${plan.callId}`));
  state.checks.push(sameString('anthropic.tool_use name', turn1.tool.name, asString(toolUse?.name)));
  state.checks.push(sameArgs('anthropic.tool_use input', turn1.tool.args, toolUse?.input));
  state.checks.push(sameString('anthropic.thinking signature', plan.signature, asString(thinking?.signature)));
  state.checks.push(sameString('anthropic.thinking text', turn1.thinkingSent, asString(thinking?.thinking)));
  state.checks.push({
    name: 'anthropic.tool_result',
    ok: result.is_error !== true,
    detail: result.is_error === true ? `tool failed: ${textOf(result.content)}` : 'tool succeeded',
  });
}

interface Content {
  thinking?: { text: string; signature: string };
  toolUse?: { name: string; input: Record<string, unknown> };
  text?: string;
}

function messageJson(id: string, model: string, content: Content, callId: string, inputTokens: number): unknown {
  const blocks: unknown[] = [];
  if (content.thinking)
    blocks.push({ type: 'thinking', thinking: content.thinking.text, signature: content.thinking.signature });
  if (content.text !== undefined) blocks.push({ type: 'text', text: content.text });
  if (content.toolUse) blocks.push({ type: 'tool_use', id: callId, ...content.toolUse });
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks,
    stop_reason: content.toolUse ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: roughTokens(blocks) },
  };
}

function messageEvents(id: string, model: string, content: Content, callId: string, inputTokens: number): string[] {
  const events: string[] = [];
  const usage = { input_tokens: inputTokens, output_tokens: 1 };
  events.push(
    sseEvent(
      {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage,
        },
      },
      'message_start',
    ),
  );
  let index = 0;
  const block = (start: unknown, deltas: unknown[]): void => {
    events.push(sseEvent({ type: 'content_block_start', index, content_block: start }, 'content_block_start'));
    for (const delta of deltas)
      events.push(sseEvent({ type: 'content_block_delta', index, delta }, 'content_block_delta'));
    events.push(sseEvent({ type: 'content_block_stop', index }, 'content_block_stop'));
    index++;
  };
  if (content.thinking) {
    const parts = content.thinking.text === '' ? [] : splitInto(content.thinking.text, 3);
    block({ type: 'thinking', thinking: '', signature: '' }, [
      ...parts.map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: content.thinking.signature },
    ]);
  }
  if (content.text !== undefined) {
    block(
      { type: 'text', text: '' },
      splitInto(content.text, 3).map((text) => ({ type: 'text_delta', text })),
    );
  }
  if (content.toolUse) {
    block(
      { type: 'tool_use', id: callId, name: content.toolUse.name, input: {} },
      splitInto(JSON.stringify(content.toolUse.input), 4).map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      })),
    );
  }
  events.push(
    sseEvent(
      {
        type: 'message_delta',
        delta: { stop_reason: content.toolUse ? 'tool_use' : 'end_turn', stop_sequence: null },
        usage: { output_tokens: roughTokens(content) },
      },
      'message_delta',
    ),
  );
  events.push(sseEvent({ type: 'message_stop' }, 'message_stop'));
  return events;
}

function reply(
  kind: string,
  req: IncomingRequest,
  body: Record<string, unknown>,
  content: Content,
  plan: ScriptPlan,
): Reply {
  const id = `msg_${plan.nonce}_${req.seq}`;
  const model = asString(body.model) ?? 'scripted';
  const input = roughTokens(body.messages) + roughTokens(body.system) + roughTokens(body.tools);
  if (body.stream === true) return { kind, status: 200, sse: messageEvents(id, model, content, plan.callId, input) };
  return { kind, status: 200, json: messageJson(id, model, content, plan.callId, input) };
}

export const anthropicHandler: FormatHandler = {
  format: 'anthropic-messages',
  handle(req: IncomingRequest, plan: ScriptPlan, state: ScriptState): Reply {
    if (req.method === 'GET' && req.path.endsWith('/models')) {
      return { kind: 'side:models', status: 200, json: { data: [], has_more: false, first_id: null, last_id: null } };
    }
    const body = isRecord(req.json) ? req.json : {};
    if (req.method === 'POST' && req.path.endsWith('/messages/count_tokens')) {
      return { kind: 'side:count_tokens', status: 200, json: { input_tokens: roughTokens(body) } };
    }
    if (req.method !== 'POST' || !req.path.endsWith('/messages')) {
      return {
        kind: 'unknown',
        status: 404,
        json: { type: 'error', error: { type: 'not_found_error', message: 'no such route' } },
      };
    }
    const messages = asArray(body.messages);
    const tool = pickTool(offeredTools(body), plan);
    const isRun = tool !== undefined && messages.some((m) => allStrings(m).some((s) => mentionsRun(plan, s)));
    if (!isRun) return reply('side:messages', req, body, { text: 'OK' }, plan);

    const result = findToolResult(messages, plan.callId);
    if (!result) {
      const omitted = isRecord(body.thinking) && body.thinking.display === 'omitted';
      const thinkingSent = omitted ? '' : plan.thinking;
      if (!state.turn1) state.turn1 = { tool, thinkingSent };
      const sent = state.turn1;
      return reply(
        'turn-1',
        req,
        body,
        {
          thinking: { text: sent.thinkingSent, signature: plan.signature },
          toolUse: { name: sent.tool.name, input: sent.tool.args },
        },
        plan,
      );
    }
    const again = state.toolResult !== undefined;
    if (!again) {
      state.toolResult = textOf(result.content);
      checkReplay(messages, plan, state, result);
      state.finalText = finalText(plan, state.toolResult);
    }
    return reply(again ? 'turn-2-again' : 'turn-2', req, body, { text: state.finalText }, plan);
  },
};
