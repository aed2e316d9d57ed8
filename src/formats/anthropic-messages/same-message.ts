import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';

/**
 * The response translation between two formats whose response body is the Anthropic `Message` itself
 * (Bedrock InvokeModel, Vertex rawPredict): the body passes unchanged; it must be a JSON object.
 */
export function sameMessage(body: unknown, options: TranslateOptions = {}): TranslationResult<unknown> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  return { body, losses: [], context: options.context ?? {} };
}
