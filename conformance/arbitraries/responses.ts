import type fc from 'fast-check';
import type { Message } from '../../generated/anthropic-messages/types.gen.js';
import type { CreateChatCompletionResponse } from '../../generated/openai-chat/types.gen.js';
import { foldAnthropicEvents } from './fold-anthropic-events.js';
import { foldOpenAIChunks } from './fold-openai-chunks.js';
import { renderAnthropicEvents } from './render-anthropic-events.js';
import { renderOpenAIChunks } from './render-openai-chunks.js';
import { type ScriptShape, streamScript } from './stream-script.js';

// The folds build plain JSON; that it has the spec's shape is checked at run time by
// conformance/properties/arbitraries-valid.test.ts (validateResponse on every generated value).

/** An Anthropic `Message` (non-stream response): the fold of a rendered script, so streams and responses agree. */
export function anthropicResponse(
  shape: ScriptShape = { thinking: true, textAfterTools: true },
): fc.Arbitrary<Message> {
  return streamScript(shape).map((s) => foldAnthropicEvents(renderAnthropicEvents(s)).message as unknown as Message);
}

/** An OpenAI `chat.completion` (non-stream response), always with usage. */
export function openaiResponse(shape: ScriptShape = {}): fc.Arbitrary<CreateChatCompletionResponse> {
  return streamScript(shape).map(
    (s) =>
      foldOpenAIChunks(renderOpenAIChunks({ ...s, openaiUsage: 'separate' }))
        .message as unknown as CreateChatCompletionResponse,
  );
}
