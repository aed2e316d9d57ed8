import type { Script } from '../../scripted-model/script.js';

/** The content blocks of a script, in order: thinking, text (when non-empty), tool calls. */
export function anthropicContent(script: Script): Array<Record<string, unknown>> {
  const content: Array<Record<string, unknown>> = [];
  if (script.thinking)
    content.push({ type: 'thinking', thinking: script.thinking.text, signature: script.thinking.signature });
  if (script.text !== '') content.push({ type: 'text', text: script.text });
  for (const call of script.toolCalls)
    content.push({ type: 'tool_use', id: `toolu_${call.id}`, name: call.name, input: call.input });
  return content;
}

/** A script as an Anthropic `Message` (non-streaming response). */
export function renderAnthropicMessage(script: Script, model: string): Record<string, unknown> {
  return {
    id: `msg_${script.id}`,
    type: 'message',
    role: 'assistant',
    model,
    content: anthropicContent(script),
    stop_reason: script.stop,
    stop_sequence: script.stopSequence,
    usage: {
      input_tokens: script.usage.inputTokens,
      output_tokens: script.usage.outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}
