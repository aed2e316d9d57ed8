import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { LossCollector } from '../../core/losses.js';
import { arrangeConverseTurns, type ConvertedMessage, isOmissionNote, omissionNote } from './convert-turns.js';

const URL_IMAGE = (url: string) => ({ type: 'image', source: { type: 'url', url } });

/** A message whose blocks were all lost (its source holds the Anthropic blocks), or one kept as `text`. */
const lost = (index: number, role: 'user' | 'assistant', source: unknown[]): ConvertedMessage => ({
  role,
  content: [],
  index,
  source,
});
const kept = (index: number, role: 'user' | 'assistant', text: string): ConvertedMessage => ({
  role,
  content: [{ text }],
  index,
  source: text,
});

function arrange(messages: ConvertedMessage[]) {
  const losses = new LossCollector();
  const out = arrangeConverseTurns(deepFreeze(messages), losses);
  return { out, losses: losses.list };
}

const leftOut = (path: string) => ({ path, reason: expect.stringContaining('the turn is left out') });
const noted = (path: string) => ({ path, reason: expect.stringContaining('sent as a text note') });

describe('arrangeConverseTurns', () => {
  it('consecutive turns of one role merge, no loss', () => {
    expect(arrange([kept(0, 'user', 'a'), kept(1, 'user', 'b'), kept(2, 'assistant', 'c')])).toEqual({
      out: [
        { role: 'user', content: [{ text: 'a' }, { text: 'b' }] },
        { role: 'assistant', content: [{ text: 'c' }] },
      ],
      losses: [],
    });
  });

  it('an emptied user turn between two assistant turns is left out and the assistant turns merge', () => {
    const r = arrange([
      kept(0, 'user', 'hi'),
      kept(1, 'assistant', 'b'),
      lost(2, 'user', [URL_IMAGE('https://x.test/a.png')]),
      kept(3, 'assistant', 'c'),
      kept(4, 'user', 'd'),
    ]);
    expect(r.out).toEqual([
      { role: 'user', content: [{ text: 'hi' }] },
      { role: 'assistant', content: [{ text: 'b' }, { text: 'c' }] },
      { role: 'user', content: [{ text: 'd' }] },
    ]);
    expect(r.losses).toEqual([leftOut('messages[2]')]);
  });

  it('an emptied first user turn followed by an assistant turn is sent as a note naming what is left out (Converse starts with user)', () => {
    const r = arrange([
      lost(0, 'user', [URL_IMAGE('https://x.test/a.png')]),
      kept(1, 'assistant', 'ok'),
      kept(2, 'user', ' '),
    ]);
    expect(r.out).toEqual([
      { role: 'user', content: [{ text: '[omitted: image https://x.test/a.png]' }] },
      { role: 'assistant', content: [{ text: 'ok' }] },
      { role: 'user', content: [{ text: ' ' }] },
    ]);
    expect(r.losses).toEqual([noted('messages[0]')]);
  });

  it('an emptied last user turn is sent as a note rather than leaving the assistant turn last (a prefill)', () => {
    const r = arrange([
      kept(0, 'user', 'hi'),
      kept(1, 'assistant', 'ok'),
      lost(2, 'user', [URL_IMAGE('https://x.test/a.png'), { type: 'container_upload', file_id: 'f' }]),
    ]);
    expect(r.out[2]).toEqual({
      role: 'user',
      content: [{ text: '[omitted: image https://x.test/a.png, container_upload]' }],
    });
    expect(r.losses).toEqual([noted('messages[2]')]);
  });

  it('a conversation of one emptied user turn (two messages) is one note; each message reported', () => {
    const r = arrange([
      lost(0, 'user', [URL_IMAGE('https://x.test/a.png')]),
      lost(1, 'user', [URL_IMAGE('https://x.test/b.png')]),
    ]);
    expect(r.out).toEqual([
      { role: 'user', content: [{ text: '[omitted: image https://x.test/a.png, image https://x.test/b.png]' }] },
    ]);
    expect(r.losses).toEqual([noted('messages[0]'), noted('messages[1]')]);
  });

  it('no note when a user turn still comes first once the emptied turns are left out', () => {
    const r = arrange([
      lost(0, 'user', [URL_IMAGE('https://x.test/a.png')]),
      lost(1, 'assistant', [{ type: 'server_tool_use' }]),
      kept(2, 'user', 'x'),
    ]);
    expect(r.out).toEqual([{ role: 'user', content: [{ text: 'x' }] }]);
    expect(r.losses).toEqual([leftOut('messages[0]'), leftOut('messages[1]')]);
  });

  it('an emptied assistant turn is never a note: left out at the end, and between user turns (which merge)', () => {
    expect(arrange([kept(0, 'user', 'a'), lost(1, 'assistant', [{ type: 'server_tool_use' }])])).toEqual({
      out: [{ role: 'user', content: [{ text: 'a' }] }],
      losses: [leftOut('messages[1]')],
    });
    expect(
      arrange([kept(0, 'user', 'a'), lost(1, 'assistant', [{ type: 'server_tool_use' }]), kept(2, 'user', 'b')]).out,
    ).toEqual([{ role: 'user', content: [{ text: 'a' }, { text: 'b' }] }]);
  });

  it('an emptied message merged into a turn that keeps blocks is not a turn-level loss', () => {
    const r = arrange([kept(0, 'user', 'a'), lost(1, 'user', [URL_IMAGE('https://x.test/a.png')])]);
    expect(r).toEqual({ out: [{ role: 'user', content: [{ text: 'a' }] }], losses: [] });
  });

  it('isOmissionNote recognises the notes it writes, not ordinary text', () => {
    expect(isOmissionNote(omissionNote([lost(0, 'user', [URL_IMAGE('https://x.test/a.png')])]))).toBe(true);
    expect(isOmissionNote('[omitted')).toBe(false);
    expect(isOmissionNote('see [omitted: x]')).toBe(false);
  });
});
