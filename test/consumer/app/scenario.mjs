// The translations a new user tries first, run the same way in every runtime (Node, Bun, Deno, workerd).
// `crosswire` is the module the runtime loaded (import or require); the caller prints or returns the result,
// and the consumer test asserts it (test/consumer/harness/expect-translations.ts).

/** An OpenAI Chat request, as a Chat client sends it. */
export const chatRequest = {
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 64,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
};

/** An Anthropic Messages response, as the Messages API answers a request like the one above. */
export const messagesResponse = {
  id: 'msg_01consumer',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hi!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
};

/** The same answer streamed: the Messages API's server-sent events. */
export const messagesStream = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_01consumer","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":0}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
  '',
].join('\n');

/** The stream as bytes arriving in two pieces, the cut inside an event. */
function byteStream(text) {
  const bytes = new TextEncoder().encode(text);
  const cut = Math.floor(bytes.length / 3);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, cut));
      controller.enqueue(bytes.subarray(cut));
      controller.close();
    },
  });
}

async function readText(stream) {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * A Chat client talking to Claude (request, response, stream) and to Gemini (request, through the hub).
 * `inputs` defaults to the bodies above; the worker takes them from the request it serves.
 */
export async function runScenario(crosswire, inputs = { chatRequest, messagesResponse, messagesStream }) {
  const toMessages = crosswire.translateRequest('openai-chat', 'anthropic-messages', inputs.chatRequest);
  const toGemini = crosswire.translateRequest('openai-chat', 'gemini', inputs.chatRequest);
  const response = crosswire.translateResponse('anthropic-messages', 'openai-chat', inputs.messagesResponse);
  const stream = crosswire.translateStream('anthropic-messages', 'openai-chat', byteStream(inputs.messagesStream));
  return {
    messagesRequest: toMessages.body,
    messagesRequestLosses: toMessages.losses,
    geminiRequest: toGemini.body,
    chatResponse: response.body,
    chatStream: await readText(stream),
  };
}
