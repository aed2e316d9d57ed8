import { describe, expect, it } from 'vitest';
import { findUrlMedia } from './find-url-media.js';
import { replaceAt } from './replace-at.js';
import { MEDIA_TARGETS, urlMediaNeedingBytes } from './targets.js';

const img = (url: string) => ({ type: 'image', source: { type: 'url', url } });
const doc = (url: string) => ({ type: 'document', source: { type: 'url', url }, title: 't' });

const body = {
  model: 'm',
  max_tokens: 10,
  system: [{ type: 'text', text: 'https://decoy.example/system.png' }],
  messages: [
    {
      role: 'user',
      content: [{ type: 'text', text: 'look' }, img('https://m.example/a.png'), doc('https://m.example/a.pdf')],
    },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 't1', name: 'f', input: { url: 'https://decoy.example/input.png' } }],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 't1',
          content: [img('https://m.example/tool.png'), doc('http://m.example/tool.pdf'), { type: 'text', text: 'x' }],
        },
        {
          type: 'document',
          source: { type: 'content', content: [{ type: 'text', text: 'a' }, img('https://m.example/inner.png')] },
        },
        {
          type: 'search_result',
          source: 'https://decoy.example/search',
          title: 's',
          content: [{ type: 'text', text: 'r' }],
        },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 42 } },
        {
          type: 'web_fetch_tool_result',
          tool_use_id: 's1',
          content: { type: 'web_fetch_result', url: 'https://decoy.example/fetched' },
        },
      ],
    },
    { role: 'user', content: 'https://decoy.example/plain-string.png' },
  ],
};

describe('findUrlMedia', () => {
  it('lists image and document URL sources in turns, tool results and document content, in order, and nothing else', () => {
    expect(findUrlMedia(body).map((s) => [s.path, s.slot, s.url])).toEqual([
      ['messages[0].content[1].source.url', 'image', 'https://m.example/a.png'],
      ['messages[0].content[2].source.url', 'document', 'https://m.example/a.pdf'],
      ['messages[2].content[0].content[0].source.url', 'image', 'https://m.example/tool.png'],
      ['messages[2].content[0].content[1].source.url', 'document', 'http://m.example/tool.pdf'],
      ['messages[2].content[1].source.content[1].source.url', 'image', 'https://m.example/inner.png'],
    ]);
    expect(findUrlMedia(body)[4]!.sourceKeys).toEqual(['messages', 2, 'content', 1, 'source', 'content', 1, 'source']);
  });

  it('reads what is not a request as having no URL media', () => {
    for (const v of [
      null,
      1,
      'x',
      [],
      {},
      { messages: {} },
      { messages: [null, { content: 'x' }, { content: [null, 1] }] },
    ])
      expect(findUrlMedia(v)).toEqual([]);
  });
});

describe('urlMediaNeedingBytes', () => {
  const paths = (to: Parameters<typeof urlMediaNeedingBytes>[0]) => urlMediaNeedingBytes(to, body).map((s) => s.path);
  it('Bedrock (both formats): every URL source', () => {
    expect(paths('bedrock-converse')).toHaveLength(5);
    expect(paths('bedrock-invoke')).toHaveLength(5);
  });
  it('Anthropic and Vertex: none', () => {
    expect(paths('anthropic-messages')).toEqual([]);
    expect(paths('vertex-anthropic')).toEqual([]);
  });
  it('Chat: document URLs only', () => {
    expect(paths('openai-chat')).toEqual([
      'messages[0].content[2].source.url',
      'messages[2].content[0].content[1].source.url',
    ]);
  });
  it('Gemini: image URLs (fileData needs a mimeType) and http document URLs', () => {
    expect(paths('gemini')).toEqual([
      'messages[0].content[1].source.url',
      'messages[2].content[0].content[0].source.url',
      'messages[2].content[0].content[1].source.url',
      'messages[2].content[1].source.content[1].source.url',
    ]);
  });
  it('every format has media rules', () => {
    expect(Object.keys(MEDIA_TARGETS).sort()).toEqual([
      'anthropic-messages',
      'bedrock-converse',
      'bedrock-invoke',
      'gemini',
      'openai-chat',
      'openai-responses',
      'vertex-anthropic',
    ]);
  });
});

describe('replaceAt', () => {
  it('copies only the containers on the path, shares the rest, writes nothing', () => {
    const input = structuredClone(body);
    const out = replaceAt(input, [
      { keys: ['messages', 0, 'content', 1, 'source'], value: 'A' },
      { keys: ['messages', 0, 'content', 2, 'source'], value: 'B' },
    ]);
    expect(input).toEqual(body);
    expect(out.messages[0]!.content[1]).toEqual({ type: 'image', source: 'A' });
    expect(out.messages[0]!.content[2]).toEqual({ type: 'document', source: 'B', title: 't' });
    expect(out.messages[1]).toBe(input.messages[1]);
    expect(out.system).toBe(input.system);
    expect(out.messages[0]!.content[0]).toBe(input.messages[0]!.content[0]);
    expect(out.messages[0]).not.toBe(input.messages[0]);
    expect(replaceAt(input, [])).toBe(input);
  });
});
