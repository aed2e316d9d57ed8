import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';

/**
 * Vertex rawPredict body -> Anthropic Messages request; the model (from the URL) comes in `options.model`.
 * The URL is the only source of the model: a `model` key in the body is not carried (a loss). When the
 * method is known (`options.context.stream`: `streamRawPredict` or `rawPredict`) it decides `stream`, and a
 * body flag saying otherwise is a loss. `anthropic_beta` (a body field some clients send instead of the
 * `anthropic-beta` header) goes to `context.anthropicBeta`: the Anthropic API takes betas only as the header.
 */
export function vertexRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'request body must be a JSON object', { path: '' });
  const model = options.model;
  if (typeof model !== 'string' || model === '') {
    throw new TranslationError(
      'invalid_input',
      'a rawPredict request names its model in the URL: pass it as options.model',
      { path: '' },
    );
  }
  const losses = new LossCollector(options.strict);
  const { anthropic_version: version, anthropic_beta: beta, model: bodyModel, ...rest } = body;
  if (bodyModel !== undefined) losses.add('model', 'a rawPredict body has no model: the model is the one in the URL');
  const out: Record<string, unknown> = { model, ...rest };
  const urlStream = options.context?.stream;
  if (typeof urlStream === 'boolean') {
    if (body.stream !== undefined && body.stream !== urlStream)
      losses.add(
        'stream',
        `the ${urlStream ? 'streamRawPredict' : 'rawPredict'} method decides streaming, not the body`,
      );
    if (urlStream) out.stream = true;
    else delete out.stream;
  }
  const context: RequestContext = {
    clientModel: model,
    stream: out.stream === true,
    anthropicVersion: version === '2026-10-21' ? '2026-10-21' : '2023-06-01',
  };
  if (Array.isArray(beta)) context.anthropicBeta = beta.filter((x): x is string => typeof x === 'string');
  else if (beta !== undefined) losses.add('anthropic_beta', 'anthropic_beta must be a list of names');
  return { body: out, losses: losses.list, context };
}
