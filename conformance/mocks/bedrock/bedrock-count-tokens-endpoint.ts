import { isRecord } from '../../../src/core/narrow.js';
import { countAllTokens } from '../../scripted-model/count-tokens.js';
import { anthropicPrompt } from '../anthropic/anthropic-prompt.js';
import type { RequestValidator, RuleViolation } from '../mock-types.js';
import type { EndpointDefinition } from '../provider-definition.js';
import { checkConverseRequest } from './check-converse-request.js';
import { checkInvokeBody } from './check-invoke-body.js';
import { conversePrompt } from './converse-prompt.js';

type Json = Record<string, unknown>;

/** `/model/{modelId}/count-tokens` under any prefix (the mock's own reading of the path, not the gateway's). */
const PATH = /\/model\/([^/]+)\/count-tokens$/;

/** The fields of `ConverseTokensRequest` (the rest of a Converse request is not taken). */
const CONVERSE_FIELDS = new Set(['messages', 'system', 'toolConfig', 'additionalModelRequestFields']);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const invalid = (path: string, message: string): RuleViolation => ({
  path,
  message: `1 validation error detected: ${message}`,
});

type Read = { ok: true; body: Json } | { ok: false; violation: RuleViolation };
const refuse = (violation: RuleViolation): Read => ({ ok: false, violation });

/** The InvokeModel body of `input.invokeModel.body` (base64 of JSON), or the violation that stops reading it. */
function invokeBody(invokeModel: unknown): Read {
  const at = 'input.invokeModel.body';
  if (!isRecord(invokeModel))
    return refuse(
      invalid(
        'input.invokeModel',
        "Value at 'input.invokeModel' failed to satisfy constraint: Member must be a structure",
      ),
    );
  const extra = Object.keys(invokeModel).find((k) => k !== 'body');
  if (extra !== undefined) return refuse({ path: `input.invokeModel.${extra}`, message: `Unknown field: ${extra}` });
  const text = invokeModel.body;
  if (typeof text !== 'string')
    return refuse(
      invalid(at, "Value null at 'input.invokeModel.body' failed to satisfy constraint: Member must not be null"),
    );
  if (!BASE64.test(text)) return refuse({ path: at, message: 'Malformed input request: the body is not base64' });
  let json: unknown;
  try {
    const bin = atob(text);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return refuse({ path: at, message: 'Malformed input request: the body is not UTF-8 JSON' });
  }
  if (!isRecord(json)) return refuse({ path: at, message: 'Malformed input request: #: expected type: JSONObject' });
  return { ok: true, body: json };
}

/** What the request counts: an InvokeModel body or a Converse request, after the union rules. */
function counted(body: Json): { kind: 'invokeModel'; body: Json } | { kind: 'converse'; body: Json } | RuleViolation {
  const extra = Object.keys(body).find((k) => k !== 'input');
  if (extra !== undefined) return { path: extra, message: `Unknown field: ${extra}` };
  const input = body.input;
  if (!isRecord(input))
    return invalid('input', "Value null at 'input' failed to satisfy constraint: Member must not be null");
  const members = Object.keys(input);
  const unknown = members.find((k) => k !== 'invokeModel' && k !== 'converse');
  if (unknown !== undefined) return { path: `input.${unknown}`, message: `Unknown field: ${unknown}` };
  if (members.length !== 1)
    return { path: 'input', message: 'CountTokensInput is a union: set exactly one of invokeModel and converse' };
  if (members[0] === 'invokeModel') {
    const read = invokeBody(input.invokeModel);
    return read.ok ? { kind: 'invokeModel', body: read.body } : read.violation;
  }
  const converse = input.converse;
  if (!isRecord(converse))
    return invalid(
      'input.converse',
      "Value at 'input.converse' failed to satisfy constraint: Member must be a structure",
    );
  const field = Object.keys(converse).find((k) => !CONVERSE_FIELDS.has(k));
  if (field !== undefined) return { path: `input.converse.${field}`, message: `Unknown field: ${field}` };
  return { kind: 'converse', body: converse };
}

function isViolation(x: ReturnType<typeof counted>): x is RuleViolation {
  return !('kind' in x);
}

function check(body: Json, validate: RequestValidator): RuleViolation[] {
  const c = counted(body);
  if (isViolation(c)) return [c];
  return c.kind === 'invokeModel'
    ? checkInvokeBody(c.body, validate, 'input.invokeModel.body')
    : checkConverseRequest(c.body, validate, 'input.converse');
}

/**
 * Bedrock Runtime's CountTokens (`POST /model/{modelId}/count-tokens`), served by both Bedrock mocks as Bedrock serves
 * it for either kind of input: `{ input: { invokeModel: { body: <base64 of an InvokeModel body> } } }`, held to the
 * InvokeModel rules (`check-invoke-body.ts`), or `{ input: { converse: { messages, system?, toolConfig?,
 * additionalModelRequestFields? } } }`, held to the Converse rules (`check-converse-request.ts`); anything else at any
 * level is a 400. The answer is `{ inputTokens }`: the scripted model's count of the text it would read.
 */
export const bedrockCountTokensEndpoint: EndpointDefinition = {
  matches: (path) => PATH.test(path),
  model: (request) => {
    const m = PATH.exec(request.url.pathname);
    return m ? decodeURIComponent(m[1]!) : undefined;
  },
  check: (request, validate) => check(request.body, validate),
  answer: (request) => {
    const c = counted(request.body);
    if (isViolation(c)) return { json: { inputTokens: 0 } }; // not reached: check ran first
    const prompt = c.kind === 'invokeModel' ? anthropicPrompt(c.body) : conversePrompt(c.body);
    return { json: { inputTokens: countAllTokens(prompt.inputTexts) } };
  },
};
