import type { TranslateOptions } from '../../core/options.js';
import { createVertexPassThrough } from './convert-pass-through-stream.js';

/** Anthropic stream events -> Vertex stream events (`convert-pass-through-stream.ts`). */
export const createAnthropicToVertexStream = (options: TranslateOptions = {}) =>
  createVertexPassThrough(false, options);
