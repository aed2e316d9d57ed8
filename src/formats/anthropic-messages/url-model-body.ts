import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import type { JsonObject } from '../../core/narrow.js';
import type { RequestContext, TranslateOptions } from '../../core/options.js';
import { requireObjectBody } from '../../core/require.js';

/**
 * The request body of a client that sends Anthropic's Messages body but names the model in the URL (Bedrock
 * InvokeModel, Vertex rawPredict), read towards an Anthropic request: the model comes in `options.model`, a
 * `model` key in the body is not carried (a loss: the URL is the only source of the model), `anthropic_version`
 * becomes the context's API version and `anthropic_beta` the context's betas (the Anthropic API takes them as
 * the `anthropic-beta` header). `client` names the call in messages (`an InvokeModel`, `a rawPredict`).
 */
export function readUrlModelBody(
  body: unknown,
  options: TranslateOptions,
  client: string,
): { model: string; rest: JsonObject; losses: LossCollector; context: RequestContext } {
  requireObjectBody(body);
  const model = options.model;
  if (typeof model !== 'string' || model === '') {
    throw new TranslationError(
      'invalid_input',
      `${client} request names its model in the URL: pass it as options.model`,
      {
        path: '',
      },
    );
  }
  const losses = new LossCollector(options.strict);
  const { anthropic_version: version, anthropic_beta: beta, model: bodyModel, ...rest } = body;
  if (bodyModel !== undefined) losses.add('model', `${client} body has no model: the model is the one in the URL`);
  const context: RequestContext = {
    clientModel: model,
    anthropicVersion: version === '2026-10-21' ? '2026-10-21' : '2023-06-01',
  };
  if (Array.isArray(beta)) context.anthropicBeta = beta.filter((x): x is string => typeof x === 'string');
  else if (beta !== undefined) losses.add('anthropic_beta', 'anthropic_beta must be a list of names');
  return { model, rest, losses, context };
}

/**
 * The other way: an Anthropic request towards an upstream that takes the model in the URL (InvokeModel,
 * Vertex): the model (`options.model`, else the body's) leaves the body for the URL.
 */
export function takeUrlModel(
  body: unknown,
  options: TranslateOptions,
): { model: string; clientModel: string; rest: JsonObject } {
  requireObjectBody(body);
  const model = urlModel(body, options);
  const { model: bodyModel, ...rest } = body;
  return { model, clientModel: typeof bodyModel === 'string' ? bodyModel : model, rest };
}

/** The model of an Anthropic request bound for an upstream that takes it in the URL: `options.model`, else the body's. */
export function urlModel(body: JsonObject, options: TranslateOptions): string {
  const model = options.model ?? body.model;
  if (typeof model !== 'string' || model === '')
    throw new TranslationError('invalid_input', 'model is required', { path: 'model' });
  return model;
}
