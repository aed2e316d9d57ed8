import type { TranslateOptions } from '../../core/options.js';
import { createVertexPassThrough } from './convert-pass-through-stream.js';

/** Vertex stream events -> Anthropic stream events (`convert-pass-through-stream.ts`). */
export const createVertexToAnthropicStream = (options: TranslateOptions = {}) => createVertexPassThrough(true, options);
