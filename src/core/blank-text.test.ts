import { describe, expect, it } from 'vitest';
import { withoutBlankAnthropicText } from '../formats/anthropic-messages/blank-text.js';
import { isBlank, withoutBlankText } from './blank-text.js';

type B = { text?: string; other?: string };
const plain = {
  text: (b: B) => b.text,
  merge: (t: B, b: B, where: 'after' | 'before') => ({
    text: where === 'after' ? `${t.text}${b.text}` : `${b.text}${t.text}`,
  }),
};

function clean(blocks: B[]) {
  const dropped: number[] = [];
  const out = withoutBlankText(blocks, { ...plain, dropped: (_b, i) => dropped.push(i) });
  return { out, dropped };
}

describe('isBlank', () => {
  it('is true for empty text and any Unicode whitespace only', () => {
    for (const t of ['', ' ', '\n\n', '\t \r\n', '\u00a0', '\u2003\u2028', '\ufeff'])
      expect(isBlank(t), JSON.stringify(t)).toBe(true);
    for (const t of ['a', ' . ', '\u200b', '_']) expect(isBlank(t), JSON.stringify(t)).toBe(false);
  });

  it('is false for text that starts with any visible character, with or without whitespace after it', () => {
    for (let c = 0x21; c <= 0x7f; c++) expect(isBlank(`${String.fromCharCode(c)}  \n`), String(c)).toBe(false);
    for (const t of ['\u00e9 ', '\u{1f600}', ' \tx']) expect(isBlank(t), JSON.stringify(t)).toBe(false);
  });
});

describe('withoutBlankText', () => {
  it('joins a blank block to the text before it, else to the text after it: the text reads the same', () => {
    expect(
      clean([{ text: 'a' }, { text: ' ' }, { text: '\n' }, { other: 'x' }, { text: '  ' }, { text: 'b' }]),
    ).toEqual({
      out: [{ text: 'a \n' }, { other: 'x' }, { text: '  b' }],
      dropped: [],
    });
  });

  it('drops a blank block with no text block next to it, and says which', () => {
    expect(clean([{ text: ' ' }, { other: 'x' }, { text: '\n' }, { text: '\t' }])).toEqual({
      out: [{ other: 'x' }],
      dropped: [0, 2, 3],
    });
  });

  it('returns the blocks unchanged (a copy) when none is blank, and never changes the list given', () => {
    const given = Object.freeze([Object.freeze({ text: 'a' }), Object.freeze({ text: ' ' })]);
    expect(withoutBlankText(given, { ...plain, dropped: () => undefined })).toEqual([{ text: 'a ' }]);
    const none = [{ text: 'a' }];
    const out = withoutBlankText(none, { ...plain, dropped: () => undefined });
    expect(out).toEqual(none);
    expect(out).not.toBe(none);
  });
});

describe('withoutBlankAnthropicText', () => {
  const run = (blocks: Record<string, unknown>[]) => {
    const dropped: number[] = [];
    return { out: withoutBlankAnthropicText(blocks, (i) => dropped.push(i)), dropped };
  };

  it('keeps a blank block’s breakpoint when it joins the block before it, which had none', () => {
    expect(
      run([
        { type: 'text', text: 'a' },
        { type: 'text', text: ' ', cache_control: { type: 'ephemeral' } },
      ]).out,
    ).toEqual([{ type: 'text', text: 'a ', cache_control: { type: 'ephemeral' } }]);
  });

  it('drops (and names) a blank block whose breakpoint or citations would be lost by joining', () => {
    expect(
      run([
        { type: 'text', text: ' ', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'b' },
        { type: 'tool_use', id: 't', name: 'f', input: {} },
        { type: 'text', text: ' ', citations: [{ type: 'char_location' }] },
      ]),
    ).toEqual({
      out: [
        { type: 'text', text: 'b' },
        { type: 'tool_use', id: 't', name: 'f', input: {} },
      ],
      dropped: [0, 3],
    });
  });
});
