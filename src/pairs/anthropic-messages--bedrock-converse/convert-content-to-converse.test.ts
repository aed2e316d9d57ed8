import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { LossCollector } from '../../core/losses.js';
import { convertAnthropicContent } from './convert-content-to-converse.js';

const PDF = { type: 'base64', media_type: 'application/pdf', data: 'JVBE' };

function convert(content: unknown) {
  const losses = new LossCollector();
  const out = convertAnthropicContent(deepFreeze(content), 'messages[0].content', losses, { n: 0 });
  return { out, losses: losses.list };
}

describe('Anthropic content -> Converse content: document names', () => {
  it('a title Converse accepts is the name, no loss', () => {
    expect(convert([{ type: 'document', source: PDF, title: 'Q3 report (draft)' }])).toEqual({
      out: [{ document: { name: 'Q3 report (draft)', format: 'pdf', source: { bytes: 'JVBE' } } }],
      losses: [],
    });
  });

  it('a title with characters Converse rejects is rewritten to fit, the change reported at the title', () => {
    const r = convert([{ type: 'document', source: PDF, title: 'report_v2.final.pdf' }]);
    expect(r.out).toEqual([{ document: { name: 'report-v2-final-pdf', format: 'pdf', source: { bytes: 'JVBE' } } }]);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[0].title', reason: expect.stringContaining('"report-v2-final-pdf"') },
    ]);
  });

  it('untitled documents, and titles with nothing usable, get document-1, document-2, …', () => {
    const r = convert([
      { type: 'document', source: PDF },
      { type: 'document', source: PDF, title: '...' },
    ]);
    expect(r.out.map((b) => (b.document as { name: string }).name)).toEqual(['document-1', 'document-2']);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[1].title', reason: expect.stringContaining('document-<n>') },
    ]);
  });
});

describe('Anthropic content -> Converse content: cache_control inside a tool result', () => {
  const result = (content: unknown[], own?: unknown) => [
    { type: 'tool_result', tool_use_id: 't1', content, ...(own ? { cache_control: own } : {}) },
  ];
  const text = (t: string, cache?: unknown) => ({ type: 'text', text: t, ...(cache ? { cache_control: cache } : {}) });

  it('on the last inner block: a cachePoint right after the tool result (the same breakpoint), no loss', () => {
    expect(convert(result([text('a'), text('b', { type: 'ephemeral', ttl: '1h' })]))).toEqual({
      out: [
        { toolResult: { toolUseId: 't1', content: [{ text: 'a' }, { text: 'b' }] } },
        { cachePoint: { type: 'default', ttl: '1h' } },
      ],
      losses: [],
    });
  });

  it('on an earlier inner block: the cachePoint moves to after the tool result, reported', () => {
    const r = convert(result([text('a', { type: 'ephemeral' }), text('b')]));
    expect(r.out).toEqual([
      { toolResult: { toolUseId: 't1', content: [{ text: 'a' }, { text: 'b' }] } },
      { cachePoint: { type: 'default' } },
    ]);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[0].content[0].cache_control', reason: expect.stringContaining('moves to the end') },
    ]);
  });

  it('the tool result\u2019s own cache_control wins; inner ones are reported', () => {
    const r = convert(result([text('a', { type: 'ephemeral' })], { type: 'ephemeral' }));
    expect(r.out).toEqual([
      { toolResult: { toolUseId: 't1', content: [{ text: 'a' }] } },
      { cachePoint: { type: 'default' } },
    ]);
    expect(r.losses).toEqual([
      {
        path: 'messages[0].content[0].content[0].cache_control',
        reason: expect.stringContaining('only one cachePoint'),
      },
    ]);
  });
});

describe('Anthropic content -> Converse content: blocks Converse cannot carry', () => {
  it('a URL image is dropped whole and reported at the block path (not at its source)', () => {
    const r = convert([
      { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } },
      { type: 'text', text: 'look' },
    ]);
    expect(r.out).toEqual([{ text: 'look' }]);
    expect(r.losses).toEqual([{ path: 'messages[0].content[0]', reason: expect.stringContaining('inline bytes') }]);
  });

  it('a URL document is dropped whole, reported at the block path only (its title is not reported, nor counted in the names)', () => {
    const r = convert([
      { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' }, title: 'bad_title.pdf' },
      { type: 'document', source: PDF },
    ]);
    expect(r.out).toEqual([{ document: { name: 'document-1', format: 'pdf', source: { bytes: 'JVBE' } } }]);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[0]', reason: expect.stringContaining('only PDF bytes and plain text') },
    ]);
  });

  it('a URL image inside a tool result is reported at its own block path', () => {
    const r = convert([
      {
        type: 'tool_result',
        tool_use_id: 't1',
        content: [
          { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } },
          { type: 'text', text: 'ok' },
        ],
      },
    ]);
    expect(r.out).toEqual([{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }]);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[0].content[0]', reason: expect.stringContaining('inline bytes') },
    ]);
  });
});
