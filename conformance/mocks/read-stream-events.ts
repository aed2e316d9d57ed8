import { createAnthropicDecodeStream } from '../../src/formats/anthropic-messages/codec.js';
import { createOpenAIDecodeStream } from '../../src/formats/openai-chat/codec.js';
import { createResponsesDecodeStream } from '../../src/formats/openai-responses/codec.js';

/**
 * Reads a streamed response body into parsed events with the format's codec (Anthropic event objects; OpenAI
 * chunks, `{error}` objects and `'[DONE]'`; Responses events), ready for `checkAnthropicStream` / `checkOpenAIChunks` /
 * `checkResponsesStream`.
 * Rejects when the bytes are not valid SSE/JSON or the connection breaks.
 */
export async function readStreamEvents(
  response: Response,
  format: 'anthropic-messages' | 'openai-chat' | 'openai-responses',
): Promise<unknown[]> {
  if (!response.body) return [];
  const decode: TransformStream<Uint8Array, unknown> =
    format === 'anthropic-messages'
      ? createAnthropicDecodeStream()
      : format === 'openai-responses'
        ? createResponsesDecodeStream()
        : createOpenAIDecodeStream();
  const events: unknown[] = [];
  const reader = response.body.pipeThrough(decode).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}
