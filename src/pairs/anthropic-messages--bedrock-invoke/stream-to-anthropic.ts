import type { TranslateOptions } from '../../core/options.js';
import { createPassThrough } from './convert-pass-through-stream.js';

/** InvokeModel stream events -> Anthropic stream events (`convert-pass-through-stream.ts`). */
export const createBedrockInvokeToAnthropicStream = (options: TranslateOptions = {}) =>
  createPassThrough('to-anthropic', options);
