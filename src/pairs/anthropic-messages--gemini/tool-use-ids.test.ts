import { describe, expect, it } from 'vitest';
import { geminiToolUseId } from './tool-use-ids.js';

describe('geminiToolUseId', () => {
  it('is deterministic and fits the Anthropic id pattern', () => {
    expect(geminiToolUseId(0, 'get_weather')).toBe('toolu_gemini_0_get_weather');
    expect(geminiToolUseId(2, 'ns.tool:v1', 'abc-12/x')).toBe('toolu_gemini_abc-12_x_2_ns_tool_v1');
    expect(geminiToolUseId(1, 'a.b', 'r')).toMatch(/^[a-zA-Z0-9_-]+$/);
  });
});
