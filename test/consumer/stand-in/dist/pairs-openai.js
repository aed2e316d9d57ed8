// Stand-in (consumer-test fixture): an OpenAI Chat request to an Anthropic Messages request, text only.

const textOf = (content) => (typeof content === 'string' ? content : content.map((part) => part.text).join(''));

export function openaiRequestToAnthropic(body) {
  const system = body.messages.filter((m) => m.role === 'system').map((m) => textOf(m.content));
  const out = { model: body.model, max_tokens: body.max_completion_tokens ?? body.max_tokens ?? 4096 };
  if (system.length > 0) out.system = system.join('\n\n');
  out.messages = body.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role, content: textOf(m.content) }));
  return { body: out, losses: [] };
}
