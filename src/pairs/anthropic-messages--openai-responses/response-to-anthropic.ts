import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { invalid } from '../../core/require.js';
import { readResponsesStreamError } from '../../formats/openai-responses/errors.js';
import { convertItemToBlocks } from './convert-output-to-content.js';
import { messageIdFor } from './map-ids.js';
import { statusToAnthropicStopReason } from './map-status.js';
import { reportResponsesUsageLosses, responsesTierToAnthropic, responsesUsageToAnthropic } from './map-usage.js';
import type { MessageOut } from './types.js';

/**
 * Responses `response` object -> Anthropic `Message` (docs/mappings-anthropic-responses.md): content from the
 * output items (convert-output-to-content.ts), the stop reason from `status` / `incomplete_details` (map-status.ts),
 * a refusal part -> `stop_reason: "refusal"` with `stop_details.explanation`, usage with cache and reasoning counts.
 * The settings a response echoes (`instructions`, `tools`, `temperature`, …) are the request's, not the answer's:
 * they are not carried and not losses. A `failed` (or unfinished) response is an upstream failure.
 */

/** Every key of a Responses `response` object (the spec's `ResponseObject`, plus `billing`). */
const RESPONSE_KEYS = new Set([
  'id',
  'object',
  'created_at',
  'completed_at',
  'status',
  'error',
  'incomplete_details',
  'model',
  'output',
  'output_text',
  'instructions',
  'usage',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tool_calls',
  'max_output_tokens',
  'text',
  'reasoning',
  'truncation',
  'temperature',
  'top_p',
  'top_logprobs',
  'metadata',
  'previous_response_id',
  'conversation',
  'background',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'user',
  'service_tier',
  'moderation',
  'billing',
]);

/** A response that is not a finished answer (failed, cancelled, still running) cannot be translated. */
export function assertFinished(body: JsonObject): void {
  const status = body.status;
  if (status === undefined || status === 'completed' || status === 'incomplete') return;
  if (status === 'failed') {
    const e = readResponsesStreamError(body.error);
    throw new TranslationError('upstream', `upstream response failed: ${e.code ?? 'error'}: ${e.message}`);
  }
  throw new TranslationError('upstream', `upstream response is not finished (status ${JSON.stringify(status)})`);
}

export function responsesResponseToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<MessageOut> {
  if (!isRecord(body)) throw invalid('response body must be a JSON object', '');
  if (!Array.isArray(body.output)) throw invalid('output must be an array', 'output');
  assertFinished(body);
  const losses = new LossCollector(options.strict);
  losses.unknownKeys(body, RESPONSE_KEYS, '', 'field not supported by the target format');

  const content: JsonObject[] = [];
  let refusal: string | undefined;
  let calls = false;
  body.output.forEach((item, i) => {
    const r = convertItemToBlocks(item, childPath('output', i), options.context, losses);
    content.push(...r.blocks);
    if (r.refusal !== undefined) refusal = (refusal ?? '') + r.refusal;
    if (r.call) calls = true;
  });
  const reason = isRecord(body.incomplete_details) ? body.incomplete_details.reason : undefined;
  const stopReason = statusToAnthropicStopReason(body.status, reason, calls, refusal !== undefined);
  if (isRecord(body.usage)) reportResponsesUsageLosses(body.usage, 'usage', (p, r) => losses.add(p, r));
  const tier = responsesTierToAnthropic(body.service_tier);
  if (tier === undefined && body.service_tier !== undefined && body.service_tier !== null)
    losses.add('service_tier', `service_tier ${JSON.stringify(body.service_tier)} has no Anthropic equivalent`);
  const usage = responsesUsageToAnthropic(body.usage);
  if (tier !== undefined) usage.service_tier = tier;
  const out: JsonObject = {
    id: messageIdFor(body.id, options.id),
    type: 'message',
    role: 'assistant',
    model: options.model ?? (typeof body.model === 'string' ? body.model : (options.context?.clientModel ?? '')),
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
  if (stopReason === 'refusal') out.stop_details = { type: 'refusal', category: null, explanation: refusal ?? null };
  return { body: out as unknown as MessageOut, losses: losses.list, context: options.context ?? {} };
}
