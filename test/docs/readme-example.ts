// An OpenAI-format client, a Claude upstream: a fetch handler for any runtime.
import { translateError, translateRequest, translateResponse, translateStream } from 'crosswire';
import { validateRequest } from 'crosswire/validate';

export async function chatCompletions(request: Request, apiKey: string): Promise<Response> {
  const check = validateRequest('openai-chat', await request.json()); // never throws
  if (!check.ok) return Response.json({ error: { message: check.errors[0]?.message } }, { status: 400 });
  // check.value: the Chat request type; body: the Messages request type (MessageCreateParams)
  const { body, losses, context } = translateRequest('openai-chat', 'anthropic-messages', check.value);
  for (const loss of losses) console.warn(`not carried: ${loss.path}: ${loss.reason}`);

  const upstream = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  if (!upstream.ok) {
    const error = { status: upstream.status, body: await upstream.json() };
    const chatError = translateError('anthropic-messages', 'openai-chat', error, { context });
    return Response.json(chatError.body, { status: chatError.status }); // chatError.body.error.message
  }
  const options = { context, created: Math.floor(Date.now() / 1000) };
  if (body.stream && upstream.body) {
    const events = translateStream('anthropic-messages', 'openai-chat', upstream.body, options);
    return new Response(events, { headers: { 'content-type': 'text/event-stream' } });
  }
  const chat = translateResponse('anthropic-messages', 'openai-chat', await upstream.json(), options);
  return Response.json(chat.body); // chat.body.choices[0].message: the Chat completion type
}
