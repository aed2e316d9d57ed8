import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';

/**
 * Bedrock InvokeModel body -> Anthropic Messages request. The model (from the URL) comes in
 * `options.model`; `stream: true` when `options.context.stream`. `anthropic_version` becomes the
 * context's API version, `anthropic_beta` goes to `context.anthropicBeta` (for the `anthropic-beta` header).
 * The URL is the only source of model and streaming (docs/wire-formats.md#bedrock-invoke): a `model` or `stream` key in the
 * body is not carried (a loss), so it can neither pick another model nor change the kind of answer.
 */
export function bedrockInvokeRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'request body must be a JSON object', { path: '' });
  const model = options.model;
  if (typeof model !== 'string' || model === '') {
    throw new TranslationError(
      'invalid_input',
      'an InvokeModel request names its model in the URL: pass it as options.model',
      { path: '' },
    );
  }
  const losses = new LossCollector(options.strict);
  const { anthropic_version: version, anthropic_beta: beta, model: bodyModel, stream: bodyStream, ...rest } = body;
  if (bodyModel !== undefined) losses.add('model', 'an InvokeModel body has no model: the model is the one in the URL');
  if (bodyStream !== undefined)
    losses.add(
      'stream',
      'an InvokeModel body has no stream flag: the endpoint (invoke or invoke-with-response-stream) decides',
    );
  const out: Record<string, unknown> = { model, ...rest };
  const stream = options.context?.stream === true;
  if (stream) out.stream = true;
  const context: RequestContext = {
    clientModel: model,
    stream,
    anthropicVersion: version === '2026-10-21' ? '2026-10-21' : '2023-06-01',
  };
  if (Array.isArray(beta)) context.anthropicBeta = beta.filter((x): x is string => typeof x === 'string');
  else if (beta !== undefined) losses.add('anthropic_beta', 'anthropic_beta must be a list of names');
  return { body: out, losses: losses.list, context };
}
