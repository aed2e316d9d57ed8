import { describe, expect, it } from 'vitest';
import { checkAnthropicServerTools } from './check-anthropic-server-tools.js';

const use = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } };
const result = { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] };
const cited = (encrypted_index: string) => ({
  type: 'text',
  text: 'x',
  citations: [{ type: 'web_search_result_location', url: 'u', title: 't', cited_text: 'x', encrypted_index }],
});
const paths = (messages: unknown[]) => checkAnthropicServerTools({ messages }).map((v) => v.path);
const user = { role: 'user', content: 'q' };

describe('checkAnthropicServerTools', () => {
  it('accepts a replayed search: call, result, cited text', () => {
    expect(paths([user, { role: 'assistant', content: [use, result, cited('idx')] }, user])).toEqual([]);
  });
  it('refuses a call without its result, a result without its call, an empty encrypted_index, server blocks from the user', () => {
    expect(paths([user, { role: 'assistant', content: [use] }, user])).toEqual(['messages[1].content[0]']);
    expect(paths([user, { role: 'assistant', content: [result, use] }, user])).toEqual([
      'messages[1].content[0]',
      'messages[1].content[1]',
    ]);
    expect(paths([user, { role: 'assistant', content: [use, result, cited('')] }, user])).toEqual([
      'messages[1].content[2].citations[0]',
    ]);
    expect(paths([{ role: 'user', content: [use, result] }])).toEqual([
      'messages[0].content[0]',
      'messages[0].content[1]',
    ]);
  });
  it('lets a paused last turn end on a call', () => {
    expect(paths([user, { role: 'assistant', content: [use] }])).toEqual([]);
  });
});
