import { describe, expect, it } from 'vitest';
import {
  anthropicStopReasonLoss,
  anthropicStopReasonToOpenAI,
  openaiFinishReasonToAnthropic,
} from './map-stop-reason.js';

describe('anthropicStopReasonToOpenAI (docs/wire-formats.md#cross-walk-stop-reasons)', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['something_new', 'stop'],
  ])('%s -> %s', (a, o) => expect(anthropicStopReasonToOpenAI(a)).toBe(o));
  it('null stays null', () => expect(anthropicStopReasonToOpenAI(null)).toBeNull());
  it('reports pause_turn, model_context_window_exceeded and unknown values as lossy', () => {
    expect(anthropicStopReasonLoss('pause_turn')).toMatch(/pause_turn/);
    expect(anthropicStopReasonLoss('model_context_window_exceeded')).toMatch(/length/);
    expect(anthropicStopReasonLoss('weird')).toMatch(/unknown/);
    expect(anthropicStopReasonLoss('end_turn')).toBeUndefined();
    expect(anthropicStopReasonLoss('refusal')).toBeUndefined();
  });
});

describe('openaiFinishReasonToAnthropic', () => {
  it.each([
    ['stop', false, undefined, 'end_turn'],
    ['stop', false, '###', 'stop_sequence'],
    ['stop', true, undefined, 'tool_use'],
    ['length', false, undefined, 'max_tokens'],
    ['tool_calls', true, undefined, 'tool_use'],
    ['function_call', true, undefined, 'tool_use'],
    ['content_filter', false, undefined, 'refusal'],
    [null, false, undefined, 'end_turn'],
    [null, true, undefined, 'tool_use'],
    ['bogus', false, undefined, 'end_turn'],
  ])('%s (tools=%s, seq=%s) -> %s', (f, t, s, a) => expect(openaiFinishReasonToAnthropic(f, t, s)).toBe(a));
});
