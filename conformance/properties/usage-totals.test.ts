import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateResponse } from '../../src/translate.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

// Anthropic input + cache read + cache write = OpenAI prompt_tokens; output = completion_tokens; cache reads = cached_tokens.
describe('usage totals are preserved', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(`${d.upstream} -> ${d.client} (response and stream)`, (s) => {
      if (d.upstream === 'openai-chat' && s.openaiUsage === 'none') return; // nothing to preserve
      const events = d.render(s);
      const response = translateResponse(d.upstream, d.client, d.foldUpstream(events).message, d.options).body;
      const streamed = d.foldClient(translateEvents(d.upstream, d.client, events, d.options)).message;
      const prompt = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
      for (const [where, body] of [['response', response], ['stream', streamed]] as const) {
        const u = rec(rec(body).usage);
        if (d.client === 'openai-chat') {
          expect({ where, prompt: u.prompt_tokens, completion: u.completion_tokens, total: u.total_tokens, cached: rec(u.prompt_tokens_details).cached_tokens }).toEqual({
            where,
            prompt,
            completion: s.usage.output,
            total: prompt + s.usage.output,
            cached: s.usage.cacheRead,
          });
        } else {
          const input = Number(u.input_tokens ?? 0) + Number(u.cache_read_input_tokens ?? 0) + Number(u.cache_creation_input_tokens ?? 0);
          expect({ where, input, output: u.output_tokens, read: u.cache_read_input_tokens ?? 0 }).toEqual({
            where,
            input: prompt,
            output: s.usage.output,
            read: s.usage.cacheRead,
          });
        }
      }
    }, timeout());
  }
});
