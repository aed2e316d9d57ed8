import { isRecord } from '../../../src/core/narrow.js';
import type { RuleViolation } from '../mock-types.js';

/**
 * The Gemini service's own rules beyond the spec (docs/wire-formats.md#gemini-service-rules, observed 400s): every content has
 * non-empty parts, each part one data field; roles alternate (no two consecutive turns of one role);
 * a function-response turn answers the function calls of the model turn before it, one for one;
 * function declaration names match Gemini's pattern (start with a letter or an underscore; letters,
 * digits, underscores, dots, colons, dashes; at most 64 characters — `FunctionDeclaration.name`);
 * function declaration schemas use only Gemini's Schema subset (no `$ref`, `additionalProperties`,
 * `const`, `oneOf`, …), `enum` only on STRING schemas, and an OBJECT's `properties` may not be empty;
 * at most 5 `stopSequences` (`GenerationConfig.stopSequences`); `thinkingBudget` and `thinkingLevel`
 * are exclusive; a replayed `functionCall` is whole (a name, no `partialArgs` / `willContinue`); the grounding tools
 * (`googleSearch`, `urlContext`) take only their own settings.
 */

/** `FunctionDeclaration.name` (Gemini API reference). */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
/** `GenerationConfig.stopSequences`: "up to 5 character sequences". */
const MAX_STOP_SEQUENCES = 5;

const TYPES = new Set(['TYPE_UNSPECIFIED', 'STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL']);
const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
];

export function checkGeminiRequest(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  checkContents(body.contents, out);
  if (body.systemInstruction !== undefined) checkParts(body.systemInstruction, 'systemInstruction', out);
  checkTools(body.tools, out);
  const gc = isRecord(body.generationConfig) ? body.generationConfig : {};
  if (Array.isArray(gc.stopSequences) && gc.stopSequences.length > MAX_STOP_SEQUENCES) {
    out.push({
      path: 'generationConfig.stopSequences',
      message: `stop_sequences must have at most ${MAX_STOP_SEQUENCES} entries`,
    });
  }
  const tc = isRecord(gc.thinkingConfig) ? gc.thinkingConfig : {};
  if (tc.thinkingBudget !== undefined && tc.thinkingLevel !== undefined) {
    out.push({
      path: 'generationConfig.thinkingConfig',
      message: 'thinking_budget and thinking_level cannot both be set',
    });
  }
  return out;
}

function checkContents(contents: unknown, out: RuleViolation[]): void {
  if (!Array.isArray(contents) || contents.length === 0) {
    out.push({ path: 'contents', message: '* GenerateContentRequest.contents: contents is not specified' });
    return;
  }
  let prevRole: unknown;
  let pendingCalls = 0;
  contents.forEach((c, i) => {
    const path = `contents[${i}]`;
    const parts = checkParts(c, path, out);
    const role = isRecord(c) ? (c.role ?? 'user') : undefined;
    if (role !== 'user' && role !== 'model')
      out.push({ path: `${path}.role`, message: `Please use a valid role: user, model.` });
    if (i > 0 && role === prevRole)
      out.push({ path: `${path}.role`, message: `consecutive turns of role "${String(role)}": roles must alternate` });
    const responses = parts.filter((p) => isRecord(p.functionResponse)).length;
    if (responses > 0 && responses !== pendingCalls) {
      out.push({
        path,
        message:
          'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
      });
    }
    pendingCalls = role === 'model' ? parts.filter((p) => isRecord(p.functionCall)).length : 0;
    prevRole = role;
  });
}

function checkParts(content: unknown, path: string, out: RuleViolation[]): Record<string, unknown>[] {
  if (!isRecord(content) || !Array.isArray(content.parts) || content.parts.length === 0) {
    out.push({ path: `${path}.parts`, message: 'must include at least one parts field' });
    return [];
  }
  const parts: Record<string, unknown>[] = [];
  content.parts.forEach((p, j) => {
    const at = `${path}.parts[${j}]`;
    if (!isRecord(p)) {
      out.push({ path: at, message: 'a part must be an object' });
      return;
    }
    const fields = DATA_FIELDS.filter((f) => p[f] !== undefined);
    if (fields.length !== 1)
      out.push({
        path: at,
        message: `a part must have exactly one data field, found ${fields.length === 0 ? 'none' : fields.join(', ')}`,
      });
    if (isRecord(p.functionCall)) checkHistoryCall(p.functionCall, `${at}.functionCall`, out);
    parts.push(p);
  });
  return parts;
}

/**
 * A function call replayed in a request is whole: it names its function (the spec leaves `name` optional only
 * because a streamed call's later parts carry none) and carries no streamed-argument fields.
 */
function checkHistoryCall(call: Record<string, unknown>, path: string, out: RuleViolation[]): void {
  if (typeof call.name !== 'string' || call.name === '')
    out.push({ path: `${path}.name`, message: 'a function call in the history needs its name' });
  for (const key of ['partialArgs', 'willContinue'])
    if (call[key] !== undefined)
      out.push({ path: `${path}.${key}`, message: `${key} belongs to a streamed answer, not to a request` });
}

/**
 * The grounding tools' settings (Gemini API `Tool.GoogleSearch`: only `timeRangeFilter`, an `Interval` whose start
 * and end go together; `Tool.UrlContext`: none). The spec leaves them open objects; the service rejects other names.
 */
const GROUNDING_TOOL_FIELDS: ReadonlyMap<string, { proto: string; fields: ReadonlySet<string> }> = new Map([
  ['googleSearch', { proto: 'google_search', fields: new Set(['timeRangeFilter']) }],
  ['urlContext', { proto: 'url_context', fields: new Set<string>() }],
]);

function checkGroundingTool(t: Record<string, unknown>, i: number, out: RuleViolation[]): void {
  for (const [key, { proto, fields }] of GROUNDING_TOOL_FIELDS) {
    const settings = t[key];
    if (!isRecord(settings)) continue;
    for (const name of Object.keys(settings))
      if (!fields.has(name))
        out.push({
          path: `tools[${i}].${key}.${name}`,
          message: `Invalid JSON payload received. Unknown name "${name}" at 'tools[${i}].${proto}': Cannot find field.`,
        });
    const range = settings.timeRangeFilter;
    if (isRecord(range) && (range.startTime === undefined) !== (range.endTime === undefined))
      out.push({
        path: `tools[${i}].${key}.timeRangeFilter`,
        message: 'time_range_filter needs both start_time and end_time',
      });
  }
}

function checkTools(tools: unknown, out: RuleViolation[]): void {
  if (!Array.isArray(tools)) return;
  tools.forEach((t, i) => {
    if (isRecord(t)) checkGroundingTool(t, i, out);
    if (!isRecord(t) || !Array.isArray(t.functionDeclarations)) return;
    t.functionDeclarations.forEach((d, j) => {
      const at = `tools[${i}].functionDeclarations[${j}]`;
      if (!isRecord(d)) return;
      if (typeof d.name !== 'string' || !FUNCTION_NAME.test(d.name))
        out.push({ path: `${at}.name`, message: 'Invalid function name' });
      if (d.parameters !== undefined && d.parametersJsonSchema !== undefined)
        out.push({ path: at, message: 'parameters and parameters_json_schema are exclusive' });
      if (d.parameters !== undefined) checkSchema(d.parameters, `${at}.parameters`, out);
    });
  });
}

function checkSchema(schema: unknown, path: string, out: RuleViolation[]): void {
  if (!isRecord(schema)) {
    out.push({ path, message: 'a schema must be an object' });
    return;
  }
  // keys the Schema does not define: `strict-fields.ts`, as for every other field of the request
  const type = typeof schema.type === 'string' ? schema.type.toUpperCase() : undefined;
  if (schema.type !== undefined && (type === undefined || !TYPES.has(type)))
    out.push({ path: `${path}.type`, message: 'Invalid value for type' });
  if (schema.enum !== undefined && !(Array.isArray(schema.enum) && schema.enum.every((e) => typeof e === 'string'))) {
    out.push({ path: `${path}.enum`, message: 'enum values must be strings' });
  } else if (schema.enum !== undefined && type !== 'STRING') {
    out.push({ path: `${path}.enum`, message: 'only allowed for STRING type' });
  }
  if (isRecord(schema.properties)) {
    if (type === 'OBJECT' && Object.keys(schema.properties).length === 0)
      out.push({ path: `${path}.properties`, message: 'should be non-empty for OBJECT type' });
    for (const [name, s] of Object.entries(schema.properties)) checkSchema(s, `${path}.properties.${name}`, out);
  }
  if (schema.items !== undefined) checkSchema(schema.items, `${path}.items`, out);
  if (Array.isArray(schema.anyOf)) {
    schema.anyOf.forEach((s, k) => {
      checkSchema(s, `${path}.anyOf[${k}]`, out);
    });
  }
}
