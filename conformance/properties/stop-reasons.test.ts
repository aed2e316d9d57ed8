import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateResponse } from '../../src/translate.js';
import { OPENAI_FINISH } from '../arbitraries/render-openai-chunks.js';
import { type ScriptStop, streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

/** OpenAI finish_reason -> Anthropic stop_reason (wire-formats §7; `stop` cannot say whether a stop sequence matched). */
const ANTHROPIC_STOP: Record<string, ScriptStop> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };

// The stop reason follows the cross-walk table, in the stream and in the response alike.
describe('stop reasons follow the cross-walk', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(`${d.upstream} -> ${d.client}`, (s) => {
      const events = d.render(s);
      const response = d.project(translateResponse(d.upstream, d.client, d.foldUpstream(events).message, d.options).body);
      const streamed = d.project(d.foldClient(translateEvents(d.upstream, d.client, events, d.options)).message);
      if (d.client === 'openai-chat') {
        expect([response.finish_reason, streamed.finish_reason]).toEqual([OPENAI_FINISH[s.stop], OPENAI_FINISH[s.stop]]);
      } else {
        const expected = ANTHROPIC_STOP[OPENAI_FINISH[s.stop]];
        expect([response.stop_reason, streamed.stop_reason]).toEqual([expected, expected]);
      }
    }, timeout());
  }
});
