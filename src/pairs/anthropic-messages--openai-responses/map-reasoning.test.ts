import { describe, expect, it } from 'vitest';
import {
  blockForReplayedReasoning,
  encryptedContentFor,
  reasoningText,
  signatureForUpstreamReasoning,
  upstreamReasoningFor,
} from './map-reasoning.js';

describe('reasoning items <-> thinking signatures', () => {
  it('a thinking signature is the encrypted content, byte for byte, both ways', () => {
    const sig = 'EqQBCkYIBxgCKkD+sig==';
    const enc = encryptedContentFor({ type: 'thinking', signature: sig });
    expect(enc).toBe(sig);
    expect(
      blockForReplayedReasoning({
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 't' }],
        encrypted_content: enc,
      }),
    ).toEqual({ type: 'thinking', thinking: 't', signature: sig });
  });

  it('redacted thinking travels as prefixed encrypted content', () => {
    const enc = encryptedContentFor({ type: 'redacted', data: 'EmwKAh' });
    expect(enc).toBe('redacted_thinking:EmwKAh');
    expect(blockForReplayedReasoning({ type: 'reasoning', summary: [], encrypted_content: enc })).toEqual({
      type: 'redacted_thinking',
      data: 'EmwKAh',
    });
  });

  it('a reasoning item without encrypted content has nothing to replay', () => {
    expect(
      blockForReplayedReasoning({ type: 'reasoning', summary: [{ type: 'summary_text', text: 't' }] }),
    ).toBeUndefined();
    expect(blockForReplayedReasoning({ type: 'reasoning', summary: [], encrypted_content: '' })).toBeUndefined();
  });

  it('summary parts join with a blank line; without a summary the reasoning text is used', () => {
    expect(
      reasoningText({
        summary: [
          { type: 'summary_text', text: 'a' },
          { type: 'summary_text', text: 'b' },
        ],
        content: [],
      }),
    ).toBe('a\n\nb');
    expect(reasoningText({ summary: [], content: [{ type: 'reasoning_text', text: 'raw' }] })).toBe('raw');
  });

  it('an upstream reasoning item signs as base64 of its id and encrypted content, and decodes back', () => {
    const sig = signatureForUpstreamReasoning('rs_abc', 'gAAAAA-_x==');
    expect(sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(upstreamReasoningFor(sig)).toEqual({ id: 'rs_abc', encrypted_content: 'gAAAAA-_x==' });
    expect(upstreamReasoningFor(signatureForUpstreamReasoning(undefined, 'E'))).toEqual({ encrypted_content: 'E' });
    expect(signatureForUpstreamReasoning('rs_1', undefined)).toBe('');
  });

  it('a signature another provider made is not taken for one (Anthropic base64, text, empty)', () => {
    expect(upstreamReasoningFor('EqQBCkYIBxgCKkD+sig==')).toBeUndefined();
    expect(upstreamReasoningFor('rs_1:E')).toBeUndefined();
    expect(upstreamReasoningFor('')).toBeUndefined();
    expect(upstreamReasoningFor(btoa('responses-reasoning\nrs_1\n'))).toBeUndefined();
  });
});
