import { describe, expect, it } from 'vitest';
import { reportAnthropicUsageLosses, reportOpenAIUsageLosses } from './report-usage-losses.js';

const collect = (fn: (report: (p: string) => void) => void): string[] => {
  const seen: string[] = [];
  fn((p) => seen.push(p));
  return seen;
};

describe('reportOpenAIUsageLosses', () => {
  it('is silent for standard OpenAI usage with zero details and DeepSeek cache hit/miss restatements', () => {
    const u = {
      prompt_tokens: 18,
      completion_tokens: 64,
      total_tokens: 82,
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 18,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 52,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    };
    expect(collect((r) => reportOpenAIUsageLosses(u, 'usage', r))).toEqual([]);
  });

  it('reports valued fields it does not translate, at their path', () => {
    const u = {
      prompt_tokens: 1,
      completion_tokens: 1,
      cost: 0.2,
      cost_details: { upstream_inference_cost: null, x: 0.1 },
      completion_tokens_details: { audio_tokens: 4 },
    };
    expect(collect((r) => reportOpenAIUsageLosses(u, 'usage', r))).toEqual([
      'usage.cost',
      'usage.cost_details',
      'usage.completion_tokens_details.audio_tokens',
    ]);
  });

  it('reports a total that has no parts, not one that has', () => {
    expect(collect((r) => reportOpenAIUsageLosses({ total_tokens: 9 }, 'usage', r))).toEqual(['usage.total_tokens']);
    expect(collect((r) => reportOpenAIUsageLosses({ prompt_tokens: 4, total_tokens: 9 }, 'usage', r))).toEqual([]);
  });
});

describe('reportAnthropicUsageLosses', () => {
  it('is silent for zero splits, null tool counts, the standard speed; leaves service_tier to the caller', () => {
    const u = {
      input_tokens: 1,
      output_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: null,
      speed: 'standard',
      service_tier: 'batch',
    };
    expect(collect((r) => reportAnthropicUsageLosses(u, 'usage', r, false))).toEqual([]);
  });

  it('reports a non-zero TTL split, server tool requests and unknown valued fields', () => {
    const u = {
      input_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 7 },
      server_tool_use: { web_fetch_requests: 1 },
      inference_geo: 'us',
    };
    expect(collect((r) => reportAnthropicUsageLosses(u, 'usage', r, false))).toEqual([
      'usage.cache_creation',
      'usage.server_tool_use',
      'usage.inference_geo',
    ]);
    // crosswire's usage extension carries the server tool counts
    expect(collect((r) => reportAnthropicUsageLosses(u, 'usage', r, true))).toEqual([
      'usage.cache_creation',
      'usage.inference_geo',
    ]);
  });
});
