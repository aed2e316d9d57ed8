import type {
  ChatCompletionFinishReason,
  ChatCompletionStreamResponseDelta,
  CompletionUsage,
  CreateChatCompletionStreamResponse,
} from '../../generated/openai-chat/types.gen.js';
import type { ScriptStop, StreamScript } from './stream-script.js';

/** An OpenAI stream item: a chunk object, or the `'[DONE]'` terminator. */
export type OpenAIStreamItem = CreateChatCompletionStreamResponse | '[DONE]';

/** The cross-walk of docs/wire-formats.md#cross-walk-stop-reasons: Anthropic stop_reason -> OpenAI finish_reason. */
export const OPENAI_FINISH: Record<ScriptStop, ChatCompletionFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** OpenAI `CompletionUsage` for a script: `prompt_tokens` includes cached reads and cache writes. */
export function scriptOpenAIUsage(s: StreamScript): CompletionUsage {
  const prompt = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: s.usage.output,
    total_tokens: prompt + s.usage.output,
    prompt_tokens_details: { cached_tokens: s.usage.cacheRead },
  };
}

/**
 * Render a script as a valid OpenAI chunk sequence ending in `'[DONE]'`. Thinking blocks become
 * `delta.reasoning_content` (the DeepSeek-style field OpenAI-compatible servers send; no signature: Chat
 * Completions has none). Tool calls are numbered 0.. in order; text after a tool call is sent as more `content`.
 */
export function renderOpenAIChunks(s: StreamScript): OpenAIStreamItem[] {
  const base = {
    id: `chatcmpl-${s.id}`,
    object: 'chat.completion.chunk' as const,
    created: 1700000000,
    model: s.model,
  };
  const withUsageNull = s.openaiUsage === 'separate';
  const chunk = (
    delta: ChatCompletionStreamResponseDelta,
    finish: ChatCompletionFinishReason | null = null,
  ): CreateChatCompletionStreamResponse => {
    const c: CreateChatCompletionStreamResponse = {
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    if (withUsageNull) c.usage = null;
    return c;
  };
  const out: OpenAIStreamItem[] = [chunk({ role: 'assistant', content: '' })];
  let toolIndex = 0;
  for (const b of s.blocks) {
    if (b.kind === 'text') {
      for (const content of b.pieces) out.push(chunk({ content }));
    } else if (b.kind === 'thinking') {
      for (const reasoning_content of b.pieces) out.push(chunk({ reasoning_content }));
    } else if (b.kind === 'tool') {
      const index = toolIndex++;
      const [first = '', ...rest] = b.fragments;
      out.push(
        chunk({ tool_calls: [{ index, id: b.id, type: 'function', function: { name: b.name, arguments: first } }] }),
      );
      for (const args of rest) out.push(chunk({ tool_calls: [{ index, function: { arguments: args } }] }));
    }
  }
  const finish = chunk({}, OPENAI_FINISH[s.stop]);
  if (s.openaiUsage === 'with-finish') finish.usage = scriptOpenAIUsage(s);
  out.push(finish);
  if (s.openaiUsage === 'separate') out.push({ ...base, choices: [], usage: scriptOpenAIUsage(s) });
  out.push('[DONE]');
  return out;
}
