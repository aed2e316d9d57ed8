import { childPath } from '../../../src/core/json-path.js';
import { isRecord } from '../../../src/core/narrow.js';
import type { RuleViolation } from '../mock-types.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MIN_OUTPUT_TOKENS = 16;

/**
 * Responses rules beyond the spec, with the API's 400 wording (docs/wire-formats.md#openai-responses):
 * `max_output_tokens` of at least 16; tool names `^[a-zA-Z0-9_-]+$` (at most 128); a strict function's schema
 * closed (`additionalProperties: false`, every property required); no stored state to refer to
 * (`previous_response_id`, `conversation`, `item_reference` name nothing this mock stored); every
 * `function_call_output` / `custom_tool_call_output` answers an earlier call with its `call_id`, every call has its
 * output; a `reasoning` item is followed by another item; `text.format` `json_object` needs the word "json" in the
 * input.
 */
export function checkResponsesRequest(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  const max = body.max_output_tokens;
  if (typeof max === 'number' && max < MIN_OUTPUT_TOKENS)
    out.push({
      path: 'max_output_tokens',
      message: `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${max} instead.`,
    });
  if (typeof body.previous_response_id === 'string')
    out.push({
      path: 'previous_response_id',
      message: `Previous response with id '${body.previous_response_id}' not found.`,
    });
  const conv = body.conversation;
  const convId = typeof conv === 'string' ? conv : isRecord(conv) ? conv.id : undefined;
  if (typeof convId === 'string')
    out.push({ path: 'conversation', status: 404, message: `Conversation with id '${convId}' not found.` });
  checkTools(body.tools, 'tools', out);
  checkItems(body.input, out);
  checkJsonWord(body, out);
  return out;
}

function checkTools(tools: unknown, path: string, out: RuleViolation[]): void {
  if (!Array.isArray(tools)) return;
  tools.forEach((tool, i) => {
    const p = childPath(path, i);
    if (!isRecord(tool)) return;
    if (tool.type === 'namespace') {
      checkTools(tool.tools, childPath(p, 'tools'), out);
      return;
    }
    if (tool.type !== 'function' && tool.type !== 'custom') return;
    if (typeof tool.name === 'string' && !TOOL_NAME.test(tool.name)) {
      const np = childPath(p, 'name');
      out.push({
        path: np,
        message: `Invalid '${np}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      });
    }
    if (tool.type === 'function' && tool.strict === true && isRecord(tool.parameters)) checkStrictSchema(tool, out);
  });
}

function checkStrictSchema(tool: Record<string, unknown>, out: RuleViolation[]): void {
  const schema = tool.parameters as Record<string, unknown>;
  const name = String(tool.name);
  if (schema.type !== 'object') return;
  if (schema.additionalProperties !== false) {
    out.push({
      path: 'tools',
      message: `Invalid schema for function '${name}': In context=(), 'additionalProperties' is required to be supplied and to be false.`,
    });
    return;
  }
  const props = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  const missing = props.find((k) => !required.includes(k));
  if (missing !== undefined)
    out.push({
      path: 'tools',
      message: `Invalid schema for function '${name}': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`,
    });
}

const CALLS = new Set(['function_call', 'custom_tool_call']);
const OUTPUTS = new Set(['function_call_output', 'custom_tool_call_output']);

function checkItems(input: unknown, out: RuleViolation[]): void {
  if (!Array.isArray(input)) return;
  const calls = new Map<unknown, number>();
  const answered = new Set<unknown>();
  input.forEach((item, i) => {
    if (!isRecord(item)) return;
    if (CALLS.has(String(item.type))) calls.set(item.call_id, i);
    if (OUTPUTS.has(String(item.type))) {
      if (!calls.has(item.call_id))
        out.push({
          path: 'input',
          message: `No tool call found for function call output with call_id ${String(item.call_id)}.`,
        });
      answered.add(item.call_id);
    }
    if (
      item.type === 'item_reference' ||
      (item.type === undefined && item.role === undefined && typeof item.id === 'string')
    )
      out.push({ path: 'input', message: `Item with id '${String(item.id)}' not found.` });
    if (item.type === 'reasoning' && i === input.length - 1)
      out.push({
        path: 'input',
        message: `Item '${String(item.id ?? `input[${i}]`)}' of type 'reasoning' was provided without its required following item.`,
      });
  });
  for (const [id] of calls)
    if (!answered.has(id))
      out.push({ path: 'input', message: `No tool output found for function call ${String(id)}.` });
}

function checkJsonWord(body: Record<string, unknown>, out: RuleViolation[]): void {
  const text = body.text;
  if (!isRecord(text) || !isRecord(text.format) || text.format.type !== 'json_object') return;
  const all = JSON.stringify([body.instructions ?? '', body.input ?? '']).toLowerCase();
  if (!all.includes('json'))
    out.push({
      path: 'input',
      message:
        "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
    });
}
