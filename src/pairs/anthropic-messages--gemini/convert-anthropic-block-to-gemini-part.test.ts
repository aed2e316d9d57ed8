import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { geminiSignatureFor, geminiSignatureForRedacted } from '../../../test/support/gemini-thought-signature.js';
import { LossCollector } from '../../core/losses.js';
import { anthropicBlockToGeminiPart } from './convert-anthropic-block-to-gemini-part.js';

function run(block: Record<string, unknown>) {
  const losses = new LossCollector();
  const part = anthropicBlockToGeminiPart(deepFreeze(block), 'content[0]', losses);
  return { part, losses: losses.list };
}

describe('anthropicBlockToGeminiPart', () => {
  it('text -> {text}; citations are left to the grounding (map-grounding-to-gemini.ts)', () => {
    expect(run({ type: 'text', text: 'Paris', citations: null })).toEqual({ part: { text: 'Paris' }, losses: [] });
    const cited = run({ type: 'text', text: 'Paris', citations: [{ type: 'char_location', cited_text: 'P' }] });
    expect(cited.part).toEqual({ text: 'Paris' });
  });

  it('thinking -> thought part carrying its signature on the same part; no signature is invented', () => {
    expect(run({ type: 'thinking', thinking: 'hmm', signature: 'c2ln' }).part).toEqual({
      text: 'hmm',
      thought: true,
      thoughtSignature: geminiSignatureFor('c2ln', 'hmm'),
    });
    expect(run({ type: 'thinking', thinking: 'hmm', signature: '' }).part).toEqual({ text: 'hmm', thought: true });
  });

  it('tool_use -> functionCall keeping the id (a Gemini client echoes it in functionResponse.id)', () => {
    expect(run({ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }).part).toEqual({
      functionCall: { id: 'toolu_1', name: 'f', args: { a: 1 } },
    });
  });

  it('redacted_thinking -> an empty thought part whose signature carries the data', () => {
    expect(run({ type: 'redacted_thinking', data: 'x' })).toEqual({
      part: { text: '', thought: true, thoughtSignature: geminiSignatureForRedacted('x') },
      losses: [],
    });
  });

  it('blocks Gemini has no part for are reported and give no part', () => {
    const r = run({ type: 'container_upload', file_id: 'f' });
    expect(r.part).toBeUndefined();
    expect(r.losses).toEqual([{ path: 'content[0]', reason: expect.stringContaining('container_upload') }]);
  });
});
