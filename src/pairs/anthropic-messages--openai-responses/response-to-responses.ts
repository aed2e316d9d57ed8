import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { invalid } from '../../core/require.js';
import { ANTHROPIC_MESSAGE_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { convertContentToOutput } from './convert-content-to-output.js';
import { responseShell } from './map-echo.js';
import { responseIdFor } from './map-ids.js';
import { anthropicStopReasonLoss, anthropicStopReasonToStatus } from './map-status.js';
import { anthropicTierToResponses, anthropicUsageToResponses, reportAnthropicUsageLosses } from './map-usage.js';
import type { ResponsesResponseOut } from './types.js';

/**
 * Anthropic `Message` -> Responses `response` object (docs/mappings-anthropic-responses.md): output items from the
 * content (convert-content-to-output.ts), `status` / `incomplete_details` from the stop reason (map-status.ts), a
 * refusal's explanation as a `refusal` part, usage with cached and reasoning details, and the request's settings
 * echoed from the context (map-echo.ts).
 */
export function anthropicResponseToResponses(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<ResponsesResponseOut> {
  if (!isRecord(body)) throw invalid('response body must be a JSON object', '');
  if (!Array.isArray(body.content)) throw invalid('content must be an array', 'content');
  const losses = new LossCollector(options.strict);
  losses.unknownKeys(body, ANTHROPIC_MESSAGE_KEYS, '', 'field not supported by the target format');
  if (body.container !== undefined && body.container !== null)
    losses.add('container', 'containers have no Responses equivalent');
  const stopLoss = anthropicStopReasonLoss(body.stop_reason);
  if (stopLoss) losses.add('stop_reason', stopLoss);

  let refusal: string | undefined;
  if (body.stop_reason === 'refusal') refusal = '';
  if (isRecord(body.stop_details)) {
    if (body.stop_details.type === 'refusal' && typeof body.stop_details.explanation === 'string')
      refusal = body.stop_details.explanation;
    if (body.stop_details.category !== undefined && body.stop_details.category !== null)
      losses.add('stop_details.category', 'refusal categories have no Responses equivalent');
  }
  const status = anthropicStopReasonToStatus(body.stop_reason);
  const id = responseIdFor(body.id, options.id);
  const output = convertContentToOutput(
    body.content,
    id,
    options.context,
    losses,
    refusal,
    status.status === 'incomplete' && refusal === undefined,
  );
  if (isRecord(body.usage)) reportAnthropicUsageLosses(body.usage, 'usage', (p, r) => losses.add(p, r));
  const rawTier = isRecord(body.usage) ? body.usage.service_tier : undefined;
  const serviceTier = anthropicTierToResponses(rawTier);
  if (serviceTier === undefined && rawTier !== undefined && rawTier !== null)
    losses.add('usage.service_tier', `service tier ${JSON.stringify(rawTier)} has no Responses equivalent`);
  const model = options.model ?? (typeof body.model === 'string' ? body.model : (options.context?.clientModel ?? ''));
  const out = responseShell(
    {
      id,
      createdAt: options.created ?? 0,
      model,
      status: status.status,
      error: null,
      incompleteDetails: status.incomplete_details,
      output,
      usage: anthropicUsageToResponses(body.usage),
      ...(serviceTier !== undefined ? { serviceTier } : {}),
    },
    options.context,
  );
  return { body: out as unknown as ResponsesResponseOut, losses: losses.list, context: options.context ?? {} };
}
