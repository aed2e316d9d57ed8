// A deliberate type error: a Chat request body where a Messages request body is required (Chat's
// `max_completion_tokens`, no `max_tokens`). The consumer test expects tsc to report it on the call below.
import { translateRequest } from 'crosswire';

export const wrong = translateRequest('anthropic-messages', 'openai-chat', {
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 64,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
});
