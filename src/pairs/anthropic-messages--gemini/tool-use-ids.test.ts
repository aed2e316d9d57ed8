import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { geminiCallIdFromToolUseId, geminiToolUseId, toolUseIdFromGeminiCallId } from './tool-use-ids.js';

describe('geminiToolUseId', () => {
  it('is deterministic and fits the Anthropic id pattern', () => {
    expect(geminiToolUseId(0, 'get_weather')).toBe('toolu_gemini_0_get_weather');
    expect(geminiToolUseId(2, 'ns.tool:v1', 'abc-12/x')).toBe('toolu_gemini_abc-12_x_2_ns_tool_v1');
    expect(geminiToolUseId(1, 'a.b', 'r')).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it('minted ids carry no Gemini call id', () => {
    expect(geminiCallIdFromToolUseId(geminiToolUseId(0, 'f', 'r1'))).toBeUndefined();
  });
});

describe('Gemini functionCall ids in tool_use ids', () => {
  it('an id that fits the Anthropic pattern is kept readable after the prefix', () => {
    expect(toolUseIdFromGeminiCallId('fc_7Qx2')).toBe('toolu_gid_fc_7Qx2');
    expect(geminiCallIdFromToolUseId('toolu_gid_fc_7Qx2')).toBe('fc_7Qx2');
  });

  it('any other id is base64url-encoded', () => {
    expect(toolUseIdFromGeminiCallId('a/b+c')).toBe('toolu_gidx_YS9iK2M');
    expect(geminiCallIdFromToolUseId('toolu_gidx_YS9iK2M')).toBe('a/b+c');
  });

  it('ids of other origins carry none', () => {
    for (const id of ['toolu_01ABC', 'call_w', 'toolu_gid_', 'toolu_gidx_', 'toolu_gidx_!!', 'toolu_gemini_r1_0_f']) {
      expect(geminiCallIdFromToolUseId(id)).toBeUndefined();
    }
  });

  test.prop([fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })])(
    'round-trips any id through the Anthropic id pattern',
    (id) => {
      const toolUseId = toolUseIdFromGeminiCallId(id);
      expect(toolUseId).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(geminiCallIdFromToolUseId(toolUseId)).toBe(id);
    },
  );
});
