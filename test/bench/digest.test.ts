/**
 * The bench's correctness check (bench/digest.ts) and its inputs (bench/inputs.ts): the same content rendered in
 * every format has the same digest, and a translation that drops or changes content is caught.
 */
import { describe, expect, it } from 'vitest';
import { digestDifference, requestDigest, responseDigest, streamDigest } from '../../bench/digest.js';
import { type Format, networkChunks, requestBody, responseBody, streamBytes } from '../../bench/inputs.js';
import { concatBytes } from '../../bench/wire.js';

const FORMATS: Format[] = ['anthropic-messages', 'openai-chat', 'gemini', 'bedrock-converse'];

describe('bench digests', () => {
  it.each(['small', 'medium', 'image'] as const)('a %s request has one digest in every format', (size) => {
    const digests = FORMATS.map((f) => requestDigest(f, requestBody(f, size)));
    for (const d of digests.slice(1)) expect(digestDifference(digests[0]!, d)).toBeUndefined();
    if (size === 'medium') {
      expect(digests[0]!.filter((x) => x.startsWith('call '))).toHaveLength(10);
      expect(digests[0]!.filter((x) => /^result \d+: /.test(x))).toHaveLength(10);
    }
  });

  it.each(['small', 'medium'] as const)('a %s response has one digest in every format', (size) => {
    const digests = FORMATS.map((f) => responseDigest(f, responseBody(f, size)));
    for (const d of digests.slice(1)) expect(digestDifference(digests[0]!, d)).toBeUndefined();
    expect(digests[0]).toContain(size === 'medium' ? 'stop tool' : 'stop end');
  });

  it('a stream has one digest in every format (its text as long as the event count allows), with the arguments joined and the end seen', () => {
    const digests = FORMATS.map((f) => streamDigest(f, streamBytes(f, 100)));
    const texts = digests.map((d) => d[0]!);
    for (const d of digests.slice(1)) expect(digestDifference(digests[0]!.slice(1), d.slice(1))).toBeUndefined();
    // each format spends a different number of its 100 events on framing; the text is the same words, cut shorter
    const longest = texts.reduce((a, b) => (a.length >= b.length ? a : b));
    for (const t of texts) expect(longest.startsWith(t)).toBe(true);
    expect(texts.every((t) => t.length > 'text: '.length + 200)).toBe(true);
    expect(digests[0]).toContain(`call get_weather {"city":"${'Pa'.repeat(8)}"}`);
    expect(digests[0]).toContain('ended');
  });

  it('network chunks are 1–4 KB and put the bytes back together', () => {
    const bytes = streamBytes('anthropic-messages', 500);
    const chunks = networkChunks(bytes);
    expect(chunks.slice(0, -1).every((c) => c.byteLength >= 1024 && c.byteLength <= 4096)).toBe(true);
    expect(new Set(chunks.map((c) => c.byteLength)).size).toBeGreaterThan(5);
    expect(concatBytes(chunks)).toEqual(bytes);
  });

  it('catches a dropped tool call, a changed argument, a lost result link, a missing usage and a stream cut short', () => {
    const req = requestBody('openai-chat', 'medium');
    const expected = requestDigest('openai-chat', req);
    const messages = req.messages as Record<string, unknown>[];
    const withoutCall = { ...req, messages: messages.map((m) => (m.tool_calls ? { ...m, tool_calls: undefined } : m)) };
    expect(digestDifference(expected, requestDigest('openai-chat', withoutCall))).toMatch(/expected `call 0 /);
    const wrongArgs = JSON.parse(JSON.stringify(req).replace('{\\"city\\":\\"Paris\\"', '{\\"city\\":\\"Lyon\\"'));
    expect(digestDifference(expected, requestDigest('openai-chat', wrongArgs))).toContain('Paris');
    const unlinked = {
      ...req,
      messages: messages.map((m) => (m.role === 'tool' ? { ...m, tool_call_id: 'nope' } : m)),
    };
    expect(digestDifference(expected, requestDigest('openai-chat', unlinked))).toMatch(/got `result \?: /);

    const res = responseBody('anthropic-messages', 'medium');
    expect(
      digestDifference(
        responseDigest('anthropic-messages', res),
        responseDigest('anthropic-messages', { ...res, usage: { input_tokens: 1 } }),
      ),
    ).toContain('output_tokens');

    const text = new TextDecoder().decode(streamBytes('openai-chat', 50));
    const cut = new TextEncoder().encode(text.slice(0, text.lastIndexOf('data: [DONE]')));
    expect(
      digestDifference(streamDigest('openai-chat', streamBytes('openai-chat', 50)), streamDigest('openai-chat', cut)),
    ).toContain('not ended');
  });
});
