import type { TranslateOptions } from '../../core/options.js';
import { createPassThrough } from './convert-pass-through-stream.js';

/** Anthropic stream events -> InvokeModel stream events (`convert-pass-through-stream.ts`). */
export const createAnthropicToBedrockInvokeStream = (options: TranslateOptions = {}) =>
  createPassThrough('to-bedrock', options);
