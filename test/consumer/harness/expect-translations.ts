import { expect } from 'vitest';

// What the scenario (app/scenario.mjs) must produce, written from the formats' documentation: a Chat request
// with a system message and `max_completion_tokens` becomes a Messages request with `system` and `max_tokens`,
// and a Gemini request with `systemInstruction` and `generationConfig.maxOutputTokens`; a Messages answer
// ending `end_turn` becomes a Chat completion with `finish_reason: "stop"` and prompt/completion/total tokens;
// the streamed answer becomes Chat chunks whose content deltas spell the text, the last chunk with a
// finish_reason, then `data: [DONE]`.

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Messages text: a string, or text blocks (both are valid for `system` and message `content`). */
function messagesText(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => isRecord(b) && b.type === 'text'))
    return value.map((b) => (b as Json).text).join('');
  return value;
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

export function expectMessagesRequest(body: unknown): void {
  expect(isRecord(body), 'the Messages request is an object').toBe(true);
  const b = body as Json;
  expect(Object.keys(b).sort(), 'Messages request fields').toEqual(['max_tokens', 'messages', 'model', 'system']);
  expect(b.model).toBe('claude-sonnet-4-5');
  expect(b.max_tokens).toBe(64);
  expect(messagesText(b.system), 'system').toBe('Be brief.');
  const messages = b.messages;
  expect(
    Array.isArray(messages)
      ? messages.map((m) => ({ role: field(m, 'role'), text: messagesText(field(m, 'content')) }))
      : messages,
  ).toEqual([{ role: 'user', text: 'Say hi.' }]);
}

export function expectGeminiRequest(body: unknown): void {
  expect(isRecord(body), 'the Gemini request is an object').toBe(true);
  const b = body as Json;
  expect(Object.keys(b).sort(), 'Gemini request fields (the model goes in the URL)').toEqual([
    'contents',
    'generationConfig',
    'systemInstruction',
  ]);
  expect(b.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hi.' }] }]);
  expect(field(b.systemInstruction, 'parts')).toEqual([{ text: 'Be brief.' }]);
  expect(b.generationConfig).toEqual({ maxOutputTokens: 64 });
}

export function expectChatResponse(body: unknown): void {
  expect(isRecord(body), 'the Chat completion is an object').toBe(true);
  const b = body as Json;
  expect(b.object).toBe('chat.completion');
  expect(b.model).toBe('claude-sonnet-4-5');
  expect(typeof b.id).toBe('string');
  const choices = b.choices;
  expect(Array.isArray(choices) && choices.length).toBe(1);
  const choice = (choices as unknown[])[0];
  expect(field(choice, 'index')).toBe(0);
  expect(field(choice, 'finish_reason')).toBe('stop');
  expect(field(field(choice, 'message'), 'role')).toBe('assistant');
  expect(field(field(choice, 'message'), 'content')).toBe('Hi!');
  const usage = b.usage;
  expect([field(usage, 'prompt_tokens'), field(usage, 'completion_tokens'), field(usage, 'total_tokens')]).toEqual([
    12, 3, 15,
  ]);
}

export function expectChatStream(text: unknown): void {
  expect(typeof text, 'the translated stream is text').toBe('string');
  const events = (text as string).split(/\n\n/).filter((e) => e.trim() !== '');
  const data = events.map((e) =>
    e
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n'),
  );
  expect(data.at(-1), 'the stream ends with data: [DONE]').toBe('[DONE]');
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as unknown);
  expect(chunks.length).toBeGreaterThan(0);
  for (const c of chunks) expect(field(c, 'object')).toBe('chat.completion.chunk');
  const choice = (c: unknown): unknown =>
    Array.isArray(field(c, 'choices')) ? (field(c, 'choices') as unknown[])[0] : undefined;
  const content = chunks.map((c) => field(field(choice(c), 'delta'), 'content')).filter((t) => typeof t === 'string');
  expect(content.join(''), 'the content deltas spell the answer').toBe('Hi!');
  expect(field(field(choice(chunks[0]), 'delta'), 'role'), 'the first chunk names the role').toBe('assistant');
  const finishes = chunks.map((c) => field(choice(c), 'finish_reason')).filter((f) => f !== null && f !== undefined);
  expect(finishes, 'one finish_reason, stop').toEqual(['stop']);
}

/** Everything the scenario returns, as one runtime printed or served it. */
export function expectScenario(output: unknown): void {
  expect(isRecord(output), 'the scenario printed a JSON object').toBe(true);
  const o = output as Json;
  expectMessagesRequest(o.messagesRequest);
  expect(o.messagesRequestLosses, 'nothing is lost translating this request').toEqual([]);
  expectGeminiRequest(o.geminiRequest);
  expectChatResponse(o.chatResponse);
  expectChatStream(o.chatStream);
}

/** Parse the last line of a runtime's stdout as the scenario's JSON. */
export function scenarioOutput(stdout: string): unknown {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as unknown;
  } catch {
    throw new Error(`the app printed no JSON; stdout ends with:\n${stdout.slice(-1500)}`);
  }
}
