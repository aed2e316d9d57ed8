import { describe, expect, it } from 'vitest';
import { toolCallProblems } from './run-real-checks.js';

const anthropicReq = {
  tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
  tool_choice: { type: 'any' },
};
const openaiReq = { tools: [{ type: 'function', function: { name: 'get_weather' } }], tool_choice: 'required' };

describe('toolCallProblems', () => {
  it('is quiet when the request does not force a tool', () => {
    expect(toolCallProblems('anthropic-messages', { tool_choice: { type: 'auto' } }, { content: [] })).toEqual([]);
    expect(toolCallProblems('openai-chat', { tool_choice: 'auto' }, { choices: [] })).toEqual([]);
  });
  it('Anthropic: a forced call must be there, name a declared tool, carry an object', () => {
    expect(toolCallProblems('anthropic-messages', anthropicReq, { content: [{ type: 'text', text: 'no' }] })).toEqual([
      'tool_choice forces a tool call, but the response has none',
    ]);
    expect(
      toolCallProblems('anthropic-messages', anthropicReq, {
        content: [{ type: 'tool_use', name: 'other', input: [] }],
      }),
    ).toEqual([
      'tool call names an undeclared tool "other"',
      'tool call other has arguments that are not a JSON object',
    ]);
    expect(
      toolCallProblems('anthropic-messages', anthropicReq, {
        content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'x' } }],
      }),
    ).toEqual([]);
  });
  it('OpenAI: arguments must parse to an object', () => {
    const call = (args: string) => ({
      choices: [
        { message: { tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: args } }] } },
      ],
    });
    expect(toolCallProblems('openai-chat', openaiReq, call('{"city":"x"}'))).toEqual([]);
    expect(toolCallProblems('openai-chat', openaiReq, call('{"city":'))).toEqual([
      'tool call get_weather has arguments that are not a JSON object',
    ]);
    expect(
      toolCallProblems(
        'openai-chat',
        { ...openaiReq, tool_choice: { type: 'function', function: { name: 'get_weather' } } },
        { choices: [{ message: {} }] },
      ),
    ).toHaveLength(1);
  });
});
