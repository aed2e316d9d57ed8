import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { ANTHROPIC_MESSAGE_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import type { GeminiCandidate, GeminiPart, GeminiResponse } from '../../formats/gemini/types.js';
import { anthropicBlockToGeminiPart } from './convert-anthropic-block-to-gemini-part.js';
import { anthropicStopReasonToGemini } from './map-finish-reason.js';
import { GeminiGroundingBuilder } from './map-grounding-to-gemini.js';
import { anthropicUsageToGemini } from './map-usage.js';
import { placeThoughtSignatures } from './place-thought-signatures.js';

const MESSAGE_KEYS = ANTHROPIC_MESSAGE_KEYS;

/**
 * Anthropic `Message` -> Gemini `GenerateContentResponse` (one candidate). Thinking signatures go where
 * Gemini puts them (`placeThoughtSignatures`): on the first functionCall after the thought, else on the
 * last text part. Web search blocks and citations become the candidate's `groundingMetadata`
 * (`GeminiGroundingBuilder`).
 */
export function anthropicResponseToGemini(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<GeminiResponse> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  if (!Array.isArray(body.content))
    throw new TranslationError('invalid_input', 'content must be a list', { path: 'content' });
  const losses = new LossCollector(options.strict);
  losses.unknownKeys(body, MESSAGE_KEYS, '');
  if (body.container !== undefined && body.container !== null) losses.add('container', 'Gemini has no containers');
  const parts: GeminiPart[] = [];
  const grounding = new GeminiGroundingBuilder(losses);
  body.content.forEach((block, i) => {
    const path = `content[${i}]`;
    if (!isRecord(block)) throw new TranslationError('invalid_input', 'a content block must be an object', { path });
    if (grounding.serverBlock(block, path)) return;
    const part = anthropicBlockToGeminiPart(block, path, losses);
    if (part && block.type === 'text') grounding.text(part.text ?? '', block.citations, `${path}.citations`);
    if (part) parts.push(part);
  });
  const mapped = anthropicStopReasonToGemini(body.stop_reason);
  if (mapped.loss) losses.add('stop_reason', mapped.loss);
  const candidate: GeminiCandidate = {
    content: { role: 'model', parts: placeThoughtSignatures(parts) },
    finishReason: mapped.finishReason,
    index: 0,
  };
  const groundingMetadata = grounding.metadata();
  if (groundingMetadata) candidate.groundingMetadata = groundingMetadata;
  const explanation = isRecord(body.stop_details) ? body.stop_details.explanation : undefined;
  if (typeof explanation === 'string') candidate.finishMessage = explanation;
  const out: GeminiResponse = {
    candidates: [candidate],
    usageMetadata: anthropicUsageToGemini(body.usage),
    modelVersion: options.model ?? options.context?.clientModel ?? (typeof body.model === 'string' ? body.model : ''),
    responseId: options.id ?? (typeof body.id === 'string' ? body.id : ''),
  };
  return { body: out, losses: losses.list, context: options.context ?? {} };
}
