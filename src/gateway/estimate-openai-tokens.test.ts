import { encodeChat } from 'gpt-tokenizer';
import { afterEach, describe, expect, it, vi } from 'vitest';

const body = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Say hi.' }] },
  ],
};

afterEach(() => {
  vi.doUnmock('gpt-tokenizer');
  vi.resetModules();
});

describe('estimateOpenAIPromptTokens (gpt-tokenizer, an optional peer loaded on first use)', () => {
  it('counts the chat as gpt-tokenizer does', async () => {
    const { estimateOpenAIPromptTokens } = await import('./estimate-openai-tokens.js');
    const expected = encodeChat(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hi.' },
      ],
      'gpt-4o',
    ).length;
    expect(await estimateOpenAIPromptTokens(body)).toBe(expected);
  });

  it('without gpt-tokenizer: a TokenizerUnavailableError that says what to install', async () => {
    vi.doMock('gpt-tokenizer', () => {
      throw new Error("Cannot find package 'gpt-tokenizer'");
    });
    const { estimateOpenAIPromptTokens, TokenizerUnavailableError } = await import('./estimate-openai-tokens.js');
    const failed = estimateOpenAIPromptTokens(body);
    await expect(failed).rejects.toBeInstanceOf(TokenizerUnavailableError);
    await expect(failed).rejects.toThrow(/npm install gpt-tokenizer/);
  });
});
