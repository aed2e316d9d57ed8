import type { Script, ScriptStop } from '../../scripted-model/script.js';

const FINISH_REASONS: Record<ScriptStop, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
};

/** The OpenAI `finish_reason` of a script's stop (docs/wire-formats.md#cross-walk-stop-reasons). */
export function openaiFinishReason(stop: ScriptStop): string {
  return FINISH_REASONS[stop];
}

/** The usage of `n` choices of a script: prompt counted once, completion per choice; reasoning in the details. */
export function openaiUsage(script: Script, n: number): Record<string, unknown> {
  const completion = script.usage.outputTokens * n;
  return {
    prompt_tokens: script.usage.inputTokens,
    completion_tokens: completion,
    total_tokens: script.usage.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: script.usage.thinkingTokens * n },
  };
}

/** A script as an OpenAI `chat.completion` with `n` identical choices (the thinking text is not shown). */
export function renderOpenAICompletion(
  script: Script,
  model: string,
  created: number,
  n: number,
): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: script.text === '' && script.toolCalls.length > 0 ? null : script.text,
    refusal: null,
  };
  if (script.toolCalls.length > 0) {
    message.tool_calls = script.toolCalls.map((call) => ({
      id: `call_${call.id}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.input) },
    }));
  }
  const finish = openaiFinishReason(script.stop);
  return {
    id: `chatcmpl-${script.id}`,
    object: 'chat.completion',
    created,
    model,
    choices: Array.from({ length: n }, (_, index) => ({ index, message, finish_reason: finish, logprobs: null })),
    usage: openaiUsage(script, n),
  };
}
