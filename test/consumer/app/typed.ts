// Correct typed calls: must type-check with 0 errors under the consumer's strict flags.
import { translateRequest, translateResponse, translateStream } from 'crosswire';

const chat = translateRequest('openai-chat', 'anthropic-messages', {
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 64,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
});
// the result is the Messages request type, not `unknown`
export const maxTokens: number = chat.body.max_tokens;
export const firstRole: string | undefined = chat.body.messages[0]?.role;
export const lossPaths: string[] = chat.losses.map((loss) => String(loss.path));

const gemini = translateRequest('openai-chat', 'gemini', {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Say hi.' }],
});
export const partCount: number | undefined = gemini.body.contents[0]?.parts?.length;

const response = translateResponse('anthropic-messages', 'openai-chat', {
  id: 'msg_01consumer',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hi!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
});
export const answer: string | null | undefined = response.body.choices[0]?.message.content;

export const stream: ReadableStream<Uint8Array> = translateStream(
  'anthropic-messages',
  'openai-chat',
  new ReadableStream<Uint8Array>(),
);
