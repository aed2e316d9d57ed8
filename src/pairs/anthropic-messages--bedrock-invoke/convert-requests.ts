import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import type { AnthropicVersion, RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { bedrockInvokeTarget } from '../../formats/bedrock-invoke/target.js';
import { isRecord } from '../../core/narrow.js';

/** `anthropic_version` for the body: the classic Bedrock value, or the new API version as SDK 1.x sends it. */
export function bedrockAnthropicVersion(version: AnthropicVersion | undefined): string {
  return version === '2026-10-21' ? '2026-10-21' : 'bedrock-2023-05-31';
}

/** Beta names from `options.context.anthropicBeta` (a list, or the comma-separated header value). */
function betas(context: RequestContext | undefined): string[] {
  const b = context?.anthropicBeta;
  if (Array.isArray(b)) return b.filter((x): x is string => typeof x === 'string' && x !== '');
  if (typeof b === 'string') return b.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [];
}

export interface BedrockInvokeRequestContext extends RequestContext {
  /** `/model/{model}/invoke` or `/model/{model}/invoke-with-response-stream` */
  upstreamPath: string;
}

/**
 * Anthropic Messages request -> Bedrock InvokeModel body (wire-formats §5.3): `model` moves to the
 * path (`context.upstreamPath`), `stream` picks the endpoint, `anthropic_version` (and
 * `anthropic_beta`, from `options.context.anthropicBeta`) go into the body. Nothing else changes.
 */
export function anthropicRequestToBedrockInvoke(body: unknown, options: TranslateOptions = {}): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'request body must be a JSON object', { path: '' });
  const model = options.model ?? body.model;
  if (typeof model !== 'string' || model === '') throw new TranslationError('invalid_input', 'model is required', { path: 'model' });
  const { model: _m, stream, ...rest } = body;
  const out: Record<string, unknown> = { anthropic_version: bedrockAnthropicVersion(options.anthropicVersion), ...rest };
  const b = betas(options.context);
  if (b.length > 0) out.anthropic_beta = b;
  const context: BedrockInvokeRequestContext = {
    clientModel: typeof body.model === 'string' ? body.model : model,
    stream: stream === true,
    upstreamPath: bedrockInvokeTarget(model, stream === true).path,
  };
  if (options.anthropicVersion) context.anthropicVersion = options.anthropicVersion;
  return { body: out, losses: [], context };
}

/**
 * Bedrock InvokeModel body -> Anthropic Messages request. The model (from the URL) comes in
 * `options.model`; `stream: true` when `options.context.stream`. `anthropic_version` becomes the
 * context's API version, `anthropic_beta` goes to `context.anthropicBeta` (for the `anthropic-beta` header).
 * The URL is the only source of model and streaming (wire-formats §5.3): a `model` or `stream` key in the
 * body is not carried (a loss), so it can neither pick another model nor change the kind of answer.
 */
export function bedrockInvokeRequestToAnthropic(body: unknown, options: TranslateOptions = {}): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'request body must be a JSON object', { path: '' });
  const model = options.model;
  if (typeof model !== 'string' || model === '') {
    throw new TranslationError('invalid_input', 'an InvokeModel request names its model in the URL: pass it as options.model', { path: '' });
  }
  const losses = new LossCollector(options.strict);
  const { anthropic_version: version, anthropic_beta: beta, model: bodyModel, stream: bodyStream, ...rest } = body;
  if (bodyModel !== undefined) losses.add('model', 'an InvokeModel body has no model: the model is the one in the URL');
  if (bodyStream !== undefined) losses.add('stream', 'an InvokeModel body has no stream flag: the endpoint (invoke or invoke-with-response-stream) decides');
  const out: Record<string, unknown> = { model, ...rest };
  const stream = options.context?.stream === true;
  if (stream) out.stream = true;
  const context: RequestContext = { clientModel: model, stream, anthropicVersion: version === '2026-10-21' ? '2026-10-21' : '2023-06-01' };
  if (Array.isArray(beta)) context.anthropicBeta = beta.filter((x): x is string => typeof x === 'string');
  else if (beta !== undefined) losses.add('anthropic_beta', 'anthropic_beta must be a list of names');
  return { body: out, losses: losses.list, context };
}
