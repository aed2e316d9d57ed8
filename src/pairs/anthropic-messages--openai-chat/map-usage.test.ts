import { describe, expect, it } from 'vitest';
import { anthropicUsageToOpenAI, openaiUsageToAnthropic } from './map-usage.js';

describe('anthropicUsageToOpenAI', () => {
  it('adds cache reads and writes into prompt_tokens (Anthropic input_tokens excludes them)', () => {
    const u = anthropicUsageToOpenAI(
      {
        input_tokens: 10,
        output_tokens: 20,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 50,
        output_tokens_details: { thinking_tokens: 7 },
      },
      true,
    );
    expect(u).toEqual({
      prompt_tokens: 160,
      completion_tokens: 20,
      total_tokens: 180,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
      completion_tokens_details: { reasoning_tokens: 7 },
    });
  });
  it('treats null cache fields as 0 and omits cache_write_tokens', () => {
    const u = anthropicUsageToOpenAI(
      {
        input_tokens: 3,
        output_tokens: 4,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: null,
      },
      true,
    );
    expect(u.prompt_tokens).toBe(3);
    expect(u.total_tokens).toBe(7);
    expect(u.prompt_tokens_details).toEqual({ cached_tokens: 0 });
  });
  it('carries server_tool_use as an extension, and only with extensions on', () => {
    const a = { input_tokens: 1, output_tokens: 2, server_tool_use: { web_search_requests: 3 } };
    expect(anthropicUsageToOpenAI(a, true).server_tool_use).toEqual({ web_search_requests: 3 });
    expect(anthropicUsageToOpenAI(a, false)).not.toHaveProperty('server_tool_use');
    expect(anthropicUsageToOpenAI({ ...a, server_tool_use: { web_search_requests: 0 } }, true)).not.toHaveProperty(
      'server_tool_use',
    );
    expect(openaiUsageToAnthropic(anthropicUsageToOpenAI(a, true)).server_tool_use).toEqual({ web_search_requests: 3 });
  });
  it('survives garbage', () => {
    expect(anthropicUsageToOpenAI('x', true).total_tokens).toBe(0);
    expect(anthropicUsageToOpenAI({ input_tokens: 'a', output_tokens: Number.NaN }, true).total_tokens).toBe(0);
  });
});

describe('openaiUsageToAnthropic', () => {
  it('subtracts cached and cache-write tokens from prompt_tokens', () => {
    expect(
      openaiUsageToAnthropic({
        prompt_tokens: 160,
        completion_tokens: 20,
        total_tokens: 180,
        prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
        completion_tokens_details: { reasoning_tokens: 7 },
      }),
    ).toEqual({
      input_tokens: 10,
      output_tokens: 20,
      cache_creation_input_tokens: 50,
      cache_read_input_tokens: 100,
      output_tokens_details: { thinking_tokens: 7 },
    });
  });
  it('never goes below zero and omits zero reasoning', () => {
    const u = openaiUsageToAnthropic({
      prompt_tokens: 5,
      completion_tokens: 1,
      prompt_tokens_details: { cached_tokens: 9 },
    });
    expect(u.input_tokens).toBe(0);
    expect(u.output_tokens_details).toBeUndefined();
  });
  it('round trips', () => {
    const a = {
      input_tokens: 12,
      output_tokens: 34,
      cache_creation_input_tokens: 5,
      cache_read_input_tokens: 6,
      output_tokens_details: { thinking_tokens: 2 },
    };
    expect(openaiUsageToAnthropic(anthropicUsageToOpenAI(a, true))).toEqual(a);
  });
});
