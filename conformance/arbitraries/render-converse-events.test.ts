import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCRIPT as script } from './example-script.js';
import { renderConverseEvents } from './render-converse-events.js';

describe('renderConverseEvents', () => {
  it('text and reasoning start with a delta, a tool use with contentBlockStart; usage after messageStop', () => {
    const names = renderConverseEvents(script).map((e) => Object.keys(e)[0]);
    expect(names).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    const events = renderConverseEvents({ ...script, stop: 'refusal' });
    expect(events.at(-2)).toEqual({ messageStop: { stopReason: 'guardrail_intervened' } });
    expect(events.at(-1)!.metadata!.usage).toEqual({
      inputTokens: 10,
      outputTokens: 7,
      totalTokens: 22,
      cacheReadInputTokens: 3,
      cacheWriteInputTokens: 2,
    });
  });
});
