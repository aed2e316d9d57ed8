import type { JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { GeminiPart } from '../../formats/gemini/types.js';
import { thoughtSignatureFor } from './map-thought-signature.js';

/**
 * One Anthropic response block -> one Gemini part (or none, with a loss).
 * thinking -> `{text, thought: true, thoughtSignature}`, the signature carrying the whole block
 * (`thoughtSignatureFor`), as does a redacted_thinking block's empty thought part; tool_use -> `functionCall` keeping the
 * Anthropic id (Gemini clients echo it in `functionResponse.id`).
 */
export function anthropicBlockToGeminiPart(
  block: JsonObject,
  path: JsonPath,
  losses: LossCollector,
): GeminiPart | undefined {
  switch (block.type) {
    case 'text':
      // citations are the caller's: they become grounding metadata (map-grounding-to-gemini.ts)
      return { text: typeof block.text === 'string' ? block.text : '' };
    case 'thinking': {
      const text = typeof block.thinking === 'string' ? block.thinking : '';
      const part: GeminiPart = { text, thought: true };
      if (typeof block.signature === 'string' && block.signature !== '')
        part.thoughtSignature = thoughtSignatureFor({ type: 'thinking', thinking: text, signature: block.signature });
      return part;
    }
    case 'redacted_thinking':
      if (typeof block.data !== 'string' || block.data === '') {
        losses.add(path, 'a redacted_thinking block without data cannot be replayed');
        return undefined;
      }
      return {
        text: '',
        thought: true,
        thoughtSignature: thoughtSignatureFor({ type: 'redacted_thinking', data: block.data }),
      };
    case 'tool_use': {
      const call: GeminiPart['functionCall'] = {
        name: typeof block.name === 'string' ? block.name : '',
        args: isRecord(block.input) ? block.input : {},
      };
      if (typeof block.id === 'string') call.id = block.id;
      return { functionCall: call };
    }
    default:
      losses.add(path, `${JSON.stringify(block.type)} blocks have no Gemini equivalent`);
      return undefined;
  }
}
