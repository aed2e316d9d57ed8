import { describe, expect, it } from 'vitest';
import { runScriptedModel, signatureFor } from './run-scripted-model.js';
import type { ScriptPrompt } from './script.js';

function prompt(over: Partial<ScriptPrompt> = {}): ScriptPrompt {
  return {
    lastUserText: 'hello big world',
    inputTexts: ['be brief', 'hello big world'],
    maxTokens: 100,
    stopSequences: [],
    thinking: false,
    forcedTool: undefined,
    ...over,
  };
}

describe('runScriptedModel', () => {
  it('echoes the last user text and counts words as tokens', () => {
    const s = runScriptedModel(prompt());
    expect(s.text).toBe('echo: hello big world');
    expect(s.stop).toBe('end_turn');
    expect(s.stopSequence).toBeNull();
    expect(s.toolCalls).toEqual([]);
    expect(s.thinking).toBeNull();
    expect(s.usage).toEqual({ inputTokens: 5, outputTokens: 4, thinkingTokens: 0 });
  });

  it('is deterministic, and the id depends on the prompt', () => {
    expect(runScriptedModel(prompt())).toEqual(runScriptedModel(prompt()));
    expect(runScriptedModel(prompt()).id).not.toBe(runScriptedModel(prompt({ inputTexts: ['x'] })).id);
    expect(runScriptedModel(prompt()).id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('says "echo:" to an empty user text', () => {
    expect(runScriptedModel(prompt({ lastUserText: '' })).text).toBe('echo:');
  });

  it('cuts before the earliest stop sequence', () => {
    const s = runScriptedModel(prompt({ stopSequences: ['world', 'big'] }));
    expect(s.text).toBe('echo: hello ');
    expect(s.stop).toBe('stop_sequence');
    expect(s.stopSequence).toBe('big');
    expect(s.usage.outputTokens).toBe(2);
  });

  it('truncates at max tokens', () => {
    const s = runScriptedModel(prompt({ maxTokens: 2 }));
    expect(s.text).toBe('echo: hello');
    expect(s.stop).toBe('max_tokens');
    expect(s.usage.outputTokens).toBe(2);
    expect(runScriptedModel(prompt({ maxTokens: 0 })).text).toBe('');
  });

  it('max tokens wins over a stop sequence that lies beyond the budget', () => {
    const s = runScriptedModel(prompt({ maxTokens: 2, stopSequences: ['world'] }));
    expect(s.text).toBe('echo: hello');
    expect(s.stop).toBe('max_tokens');
    expect(s.stopSequence).toBeNull();
  });

  it('thinks first when asked, with a deterministic signature, and thinking spends the budget', () => {
    const s = runScriptedModel(prompt({ thinking: true }));
    expect(s.thinking).toEqual({
      text: 'Thinking about 5 input words.',
      signature: signatureFor('Thinking about 5 input words.'),
    });
    expect(s.text).toBe('echo: hello big world');
    expect(s.usage).toEqual({ inputTokens: 5, outputTokens: 9, thinkingTokens: 5 });
    const tight = runScriptedModel(prompt({ thinking: true, maxTokens: 6 }));
    expect(tight.text).toBe('echo:');
    expect(tight.stop).toBe('max_tokens');
    expect(signatureFor('a')).not.toBe(signatureFor('b'));
    expect(atob(signatureFor('a'))).toMatch(/^crosswire-mock:[0-9a-f]{8}$/);
  });

  it('calls a forced tool with arguments from its schema and no text', () => {
    const s = runScriptedModel(
      prompt({
        forcedTool: {
          name: 'get_weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      }),
    );
    expect(s.text).toBe('');
    expect(s.stop).toBe('tool_use');
    expect(s.toolCalls).toEqual([{ id: `${s.id}_0`, name: 'get_weather', input: { city: 'example_city' } }]);
    expect(s.usage.outputTokens).toBe(1);
  });
});
