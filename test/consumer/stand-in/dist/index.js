// Stand-in (consumer-test fixture): just enough translation for test/consumer/app/scenario.mjs.
import { openaiRequestToAnthropic } from './pairs-openai.js';

export const FORMATS = ['anthropic-messages', 'openai-chat', 'gemini'];

const FINISH = { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop', tool_use: 'tool_calls' };

export class TranslationError extends Error {
  name = 'TranslationError';
}

function unsupported(kind, from, to) {
  return new TranslationError(`stand-in: no ${kind} translation from ${from} to ${to}`);
}

export function translateRequest(from, to, body) {
  if (from !== 'openai-chat') throw unsupported('request', from, to);
  const messages = openaiRequestToAnthropic(body).body;
  if (to === 'anthropic-messages') return { body: messages, losses: [] };
  if (to !== 'gemini') throw unsupported('request', from, to);
  const gemini = {
    contents: messages.messages.map((m) => ({
      role: m.role === 'assistant' ? 'model' : 'user',
      parts: [{ text: m.content }],
    })),
  };
  if (messages.system !== undefined) gemini.systemInstruction = { parts: [{ text: messages.system }] };
  gemini.generationConfig = { maxOutputTokens: messages.max_tokens };
  return { body: gemini, losses: [] };
}

export function translateResponse(from, to, body) {
  if (from !== 'anthropic-messages' || to !== 'openai-chat') throw unsupported('response', from, to);
  const text = body.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('');
  const { input_tokens, output_tokens } = body.usage;
  return {
    body: {
      id: `chatcmpl-${body.id}`,
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: FINISH[body.stop_reason] ?? 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: input_tokens,
        completion_tokens: output_tokens,
        total_tokens: input_tokens + output_tokens,
      },
    },
    losses: [],
  };
}

/** Parsed Messages stream events in, Chat chunks (and the `[DONE]` marker) out. */
export function createStreamTranslator(from, to) {
  if (from !== 'anthropic-messages' || to !== 'openai-chat') throw unsupported('stream', from, to);
  let base = { id: 'chatcmpl', object: 'chat.completion.chunk', created: 0, model: '' };
  const chunk = (delta, finish) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  return {
    push(event) {
      if (event.type === 'message_start') {
        base = { ...base, id: `chatcmpl-${event.message.id}`, model: event.message.model };
        return [chunk({ role: 'assistant', content: '' }, null)];
      }
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        return [chunk({ content: event.delta.text }, null)];
      if (event.type === 'message_delta') return [chunk({}, FINISH[event.delta.stop_reason] ?? 'stop')];
      if (event.type === 'message_stop') return ['[DONE]'];
      return [];
    },
    end: () => [],
    losses: [],
  };
}

/** Messages server-sent events (bytes) to Chat server-sent events (bytes); no error handling (a stand-in). */
export function translateStream(from, to, bytes) {
  const translator = createStreamTranslator(from, to);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let buffer = '';
  const encode = (out) => encoder.encode(`data: ${typeof out === 'string' ? out : JSON.stringify(out)}\n\n`);
  return bytes.pipeThrough(
    new TransformStream({
      transform(piece, controller) {
        buffer += decoder.decode(piece, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          buffer = buffer.slice(end + 2);
          if (data !== '') for (const out of translator.push(JSON.parse(data))) controller.enqueue(encode(out));
          end = buffer.indexOf('\n\n');
        }
      },
    }),
  );
}
