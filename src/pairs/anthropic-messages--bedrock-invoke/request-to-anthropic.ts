import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { readUrlModelBody } from '../../formats/anthropic-messages/url-model-body.js';

/**
 * Bedrock InvokeModel body -> Anthropic Messages request. The model (from the URL) comes in
 * `options.model`; `stream: true` when `options.stream`. `anthropic_version` becomes the
 * context's API version, `anthropic_beta` goes to `context.anthropicBeta` (for the `anthropic-beta` header).
 * The URL is the only source of model and streaming (docs/wire-formats.md#bedrock-invoke): a `model` or `stream` key in the
 * body is not carried (a loss), so it can neither pick another model nor change the kind of answer.
 */
export function bedrockInvokeRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  const { model, rest, losses, context } = readUrlModelBody(body, options, 'an InvokeModel');
  const { stream: bodyStream, ...fields } = rest;
  if (bodyStream !== undefined)
    losses.add(
      'stream',
      'an InvokeModel body has no stream flag: the endpoint (invoke or invoke-with-response-stream) decides',
    );
  const out: Record<string, unknown> = { model, ...fields };
  const stream = options.stream === true;
  if (stream) out.stream = true;
  context.stream = stream;
  return { body: out, losses: losses.list, context };
}
