import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geminiSignatureFor, geminiSignatureForRedacted } from '../../../test/support/gemini-thought-signature.js';
import { thinkingForThoughtSignature, thoughtSignatureFor } from './map-thought-signature.js';

describe('thoughtSignatureFor / thinkingForThoughtSignature', () => {
  it('a thinking block: base64 of the mark, the signature and the text; read back byte for byte', () => {
    const block = { type: 'thinking' as const, thinking: 'Deux villes.\nÉtape 1 🙂', signature: 'RXF1YWxseQ==' };
    const sig = thoughtSignatureFor(block);
    expect(sig).toBe(geminiSignatureFor('RXF1YWxseQ==', 'Deux villes.\nÉtape 1 🙂'));
    expect(thinkingForThoughtSignature(sig)).toEqual(block);
  });

  it('a redacted_thinking block carries its data', () => {
    const sig = thoughtSignatureFor({ type: 'redacted_thinking', data: 'ZW5j' });
    expect(sig).toBe(geminiSignatureForRedacted('ZW5j'));
    expect(thinkingForThoughtSignature(sig)).toEqual({ type: 'redacted_thinking', data: 'ZW5j' });
  });

  it('no signature is invented; a signature with a newline (not base64) is handed over as it is', () => {
    expect(thoughtSignatureFor({ type: 'thinking', thinking: 'x', signature: '' })).toBe('');
    expect(thoughtSignatureFor({ type: 'thinking', thinking: 'x', signature: 'a\nb' })).toBe('a\nb');
  });

  it('any other signature is not ours: Gemini signatures, placeholders, base64 of other texts, bad base64', () => {
    for (const sig of [
      'CiQBjz1rX2Jm',
      'skip_thought_signature_validator',
      Buffer.from('anthropic-thinking\n\nno signature').toString('base64'),
      Buffer.from('anthropic-thinkingX').toString('base64'),
      'YW50aHJvcGlj!!!',
    ])
      expect(thinkingForThoughtSignature(sig)).toBeUndefined();
  });
});

/**
 * The expected files of the Gemini-client scenarios were written from the rule: every `thoughtSignature` a Gemini
 * client gets from an Anthropic-signed upstream is the encoding of a thinking block of that upstream's answer.
 */
describe('expected files: every thoughtSignature a Gemini client gets encodes an upstream thinking block', () => {
  const root = join(import.meta.dirname, '../../../fixtures');
  const dirs = ['gemini--anthropic-messages', 'gemini--openai-chat'].flatMap((pair) =>
    readdirSync(join(root, pair)).map((name) => join(root, pair, name)),
  );
  const read = (dir: string, file: string): string => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return '';
    }
  };
  let checked = 0;
  for (const dir of dirs) {
    const client = read(dir, 'client-response.json') + read(dir, 'client-stream.sse');
    const sigs = [...client.matchAll(/"thoughtSignature": ?"([^"]*)"/g)].map((m) => m[1]!);
    if (sigs.length === 0) continue;
    checked++;
    it(dir.slice(root.length + 1), () => {
      const upstream = upstreamThinking(read(dir, 'upstream-response.json'), read(dir, 'upstream-stream.sse'));
      for (const sig of sigs) {
        const block = upstream.find((b) => geminiSignatureFor(b.signature, b.thinking) === sig);
        expect(block, `${sig} encodes no thinking block of the upstream answer`).toBeDefined();
      }
    });
  }
  it('finds the scenarios', () => expect(checked).toBeGreaterThanOrEqual(10));
});

/** The thinking blocks of an Anthropic answer (the upstream side of a fixture): whole, or folded from its stream. */
function upstreamThinking(json: string, sse: string): Array<{ thinking: string; signature: string }> {
  const out: Array<{ thinking: string; signature: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'thinking' && typeof o.signature === 'string' && typeof o.thinking === 'string')
        out.push({ thinking: o.thinking, signature: o.signature });
      Object.values(o).forEach(walk);
    }
  };
  if (json !== '') walk(JSON.parse(json));
  const open = new Map<number, string>();
  for (const line of sse.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const e = JSON.parse(line.slice(5)) as {
      type: string;
      index: number;
      content_block?: { type: string };
      delta?: { type: string; thinking?: string; signature?: string };
    };
    if (e.type === 'content_block_start' && e.content_block?.type === 'thinking') open.set(e.index, '');
    if (e.type !== 'content_block_delta' || !open.has(e.index)) continue;
    if (e.delta?.type === 'thinking_delta') open.set(e.index, open.get(e.index)! + e.delta.thinking);
    if (e.delta?.type === 'signature_delta') out.push({ thinking: open.get(e.index)!, signature: e.delta.signature! });
  }
  return out;
}
