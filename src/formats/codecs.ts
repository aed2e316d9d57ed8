import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { anthropicCodec } from './anthropic-messages/codec.js';
import { bedrockConverseCodec } from './bedrock-converse/codec.js';
import { bedrockInvokeCodec } from './bedrock-invoke/codec.js';
import type { FormatCodec } from './codec.js';
import { geminiCodec } from './gemini/codec.js';
import { openaiCodec } from './openai-chat/codec.js';
import { responsesCodec } from './openai-responses/codec.js';
import { vertexAnthropicCodec } from './vertex-anthropic/codec.js';

/** The wire codec of every format, by id. Add a format here when you add its folder. */
export const CODECS: readonly FormatCodec[] = [
  // one line per format, imported from ./<format>/codec.ts
  anthropicCodec as FormatCodec,
  openaiCodec as FormatCodec,
  geminiCodec as FormatCodec,
  bedrockInvokeCodec as FormatCodec,
  vertexAnthropicCodec,
  bedrockConverseCodec as FormatCodec,
  responsesCodec as FormatCodec,
];

/** The wire codec of `format`. */
export function getCodec(format: FormatId): FormatCodec {
  const codec = CODECS.find((c) => c.id === format);
  if (!codec) throw new TranslationError('unsupported', `no wire codec for ${format}`);
  return codec;
}
