import { chunkText } from '../../scripted-model/chunk-text.js';
import type { Script } from '../../scripted-model/script.js';
import { openaiFinishReason, openaiUsage } from './render-openai-completion.js';

type Chunk = Record<string, unknown>;

export interface OpenAIChunkOptions {
  model: string;
  created: number;
  n: number;
  chunkSize: number;
  /** `stream_options.include_usage`: `usage: null` on every chunk, then a usage chunk with `choices: []` */
  includeUsage: boolean;
}

/**
 * A script as OpenAI stream chunks (docs/wire-formats.md#openai-chat-stream), ending with `'[DONE]'`. Per choice: a role chunk, content
 * pieces of `chunkSize` code points, each tool call (id, type and name first, then argument pieces), a finish chunk.
 */
export function renderOpenAIChunks(script: Script, o: OpenAIChunkOptions): Array<Chunk | '[DONE]'> {
  const base = { id: `chatcmpl-${script.id}`, object: 'chat.completion.chunk', created: o.created, model: o.model };
  const usage = o.includeUsage ? { usage: null } : {};
  const chunks: Array<Chunk | '[DONE]'> = [];
  const push = (index: number, delta: Chunk, finish: string | null = null) =>
    chunks.push({ ...base, choices: [{ index, delta, logprobs: null, finish_reason: finish }], ...usage });
  for (let index = 0; index < o.n; index++) {
    const silent = script.text === '' && script.toolCalls.length > 0;
    push(index, { role: 'assistant', content: silent ? null : '', refusal: null });
    for (const content of chunkText(script.text, o.chunkSize)) push(index, { content });
    script.toolCalls.forEach((call, k) => {
      push(index, {
        tool_calls: [
          { index: k, id: `call_${call.id}`, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      });
      for (const args of chunkText(JSON.stringify(call.input), o.chunkSize))
        push(index, { tool_calls: [{ index: k, function: { arguments: args } }] });
    });
    push(index, {}, openaiFinishReason(script.stop));
  }
  if (o.includeUsage) chunks.push({ ...base, choices: [], usage: openaiUsage(script, o.n) });
  chunks.push('[DONE]');
  return chunks;
}
