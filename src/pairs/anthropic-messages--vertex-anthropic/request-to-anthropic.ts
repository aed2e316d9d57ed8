import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { readUrlModelBody } from '../../formats/anthropic-messages/url-model-body.js';

/**
 * Vertex rawPredict body -> Anthropic Messages request; the model (from the URL) comes in `options.model`.
 * The URL is the only source of the model: a `model` key in the body is not carried (a loss). When the
 * method is known (`options.stream`: `streamRawPredict` or `rawPredict`) it decides `stream`, and a
 * body flag saying otherwise is a loss. `anthropic_beta` (a body field some clients send instead of the
 * `anthropic-beta` header) goes to `context.anthropicBeta`: the Anthropic API takes betas only as the header.
 */
export function vertexRequestToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  const { model, rest, losses, context } = readUrlModelBody(body, options, 'a rawPredict');
  const out: Record<string, unknown> = { model, ...rest };
  const urlStream = options.stream;
  if (typeof urlStream === 'boolean') {
    if (rest.stream !== undefined && rest.stream !== urlStream)
      losses.add(
        'stream',
        `the ${urlStream ? 'streamRawPredict' : 'rawPredict'} method decides streaming, not the body`,
      );
    if (urlStream) out.stream = true;
    else delete out.stream;
  }
  context.stream = out.stream === true;
  return { body: out, losses: losses.list, context };
}
