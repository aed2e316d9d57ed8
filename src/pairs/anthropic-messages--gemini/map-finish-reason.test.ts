import { describe, expect, it } from 'vitest';
import { anthropicStopReasonToGemini, geminiFinishReasonToAnthropic } from './map-finish-reason.js';

describe('finish reasons', () => {
  it('STOP with function calls is tool_use, without is end_turn', () => {
    expect(geminiFinishReasonToAnthropic('STOP', true)).toEqual({ stopReason: 'tool_use' });
    expect(geminiFinishReasonToAnthropic('STOP', false)).toEqual({ stopReason: 'end_turn' });
  });
  it('maps the safety family to refusal and MAX_TOKENS to max_tokens', () => {
    for (const r of [
      'SAFETY',
      'PROHIBITED_CONTENT',
      'BLOCKLIST',
      'SPII',
      'RECITATION',
      'IMAGE_SAFETY',
      'IMAGE_PROHIBITED_CONTENT',
      'IMAGE_RECITATION',
    ])
      expect(geminiFinishReasonToAnthropic(r, false), r).toEqual({ stopReason: 'refusal' });
    expect(geminiFinishReasonToAnthropic('MAX_TOKENS', false)).toEqual({ stopReason: 'max_tokens' });
  });
  it('reports reasons Anthropic cannot say', () => {
    expect(geminiFinishReasonToAnthropic('MALFORMED_FUNCTION_CALL', false)).toEqual({
      stopReason: 'end_turn',
      loss: expect.any(String),
    });
  });
  it('maps Anthropic stop reasons to Gemini', () => {
    expect(anthropicStopReasonToGemini('tool_use')).toEqual({ finishReason: 'STOP' });
    expect(anthropicStopReasonToGemini('max_tokens')).toEqual({ finishReason: 'MAX_TOKENS' });
    expect(anthropicStopReasonToGemini('refusal')).toEqual({ finishReason: 'SAFETY' });
    expect(anthropicStopReasonToGemini('pause_turn')).toEqual({ finishReason: 'STOP', loss: expect.any(String) });
  });
});
