import type { AnthropicVersion, RequestContext, TranslateOptions, TranslationResult } from '../../core/options.js';
import { betaNames } from '../../formats/anthropic-messages/betas.js';
import { takeUrlModel } from '../../formats/anthropic-messages/url-model-body.js';
import { bedrockInvokeTarget } from '../../formats/bedrock-invoke/target.js';

/** `anthropic_version` for the body: the classic Bedrock value, or the new API version as SDK 1.x sends it. */
export function bedrockAnthropicVersion(version: AnthropicVersion | undefined): string {
  return version === '2026-10-21' ? '2026-10-21' : 'bedrock-2023-05-31';
}

export interface BedrockInvokeRequestContext extends RequestContext {
  /** `/model/{model}/invoke` or `/model/{model}/invoke-with-response-stream` */
  upstreamPath: string;
}

/**
 * Anthropic Messages request -> Bedrock InvokeModel body (docs/wire-formats.md#bedrock-invoke): `model` moves to the
 * path (`context.upstreamPath`), `stream` picks the endpoint, `anthropic_version` (and
 * `anthropic_beta`, from `options.context.anthropicBeta`) go into the body. Nothing else changes.
 */
export function anthropicRequestToBedrockInvoke(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  const { model, clientModel, rest: fields } = takeUrlModel(body, options);
  const { stream, ...rest } = fields;
  const out: Record<string, unknown> = {
    anthropic_version: bedrockAnthropicVersion(options.anthropicVersion),
    ...rest,
  };
  const b = betaNames(options.context);
  if (b.length > 0) out.anthropic_beta = b;
  const context: BedrockInvokeRequestContext = {
    clientModel,
    stream: stream === true,
    upstreamPath: bedrockInvokeTarget(model, stream === true).path,
  };
  if (options.anthropicVersion) context.anthropicVersion = options.anthropicVersion;
  return { body: out, losses: [], context };
}
