// typed.ts without crosswire: the consumer's own code, so `tsc` on it is the cost crosswire adds to.
interface Body {
  model: string;
  max_tokens: number;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}

function translate(body: {
  model: string;
  max_completion_tokens?: number;
  messages: Array<{ role: string; content: string }>;
}): Body {
  return {
    model: body.model,
    max_tokens: body.max_completion_tokens ?? 4096,
    messages: body.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: m.content })),
  };
}

const chat = translate({
  model: 'claude-sonnet-4-5',
  max_completion_tokens: 64,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
});
export const maxTokens: number = chat.max_tokens;
export const firstRole: 'user' | 'assistant' | undefined = chat.messages[0]?.role;
export const stream: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>();
