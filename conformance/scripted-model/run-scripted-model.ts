import { playAgentScript } from './agent-script.js';
import { argumentsFromSchema } from './arguments-from-schema.js';
import { countAllTokens, countTokens, firstTokens } from './count-tokens.js';
import type { Script, ScriptPrompt, ScriptStop, ScriptToolCall } from './script.js';
import { signatureFor, stableHash } from './stable-hash.js';

export { signatureFor };

/**
 * The scripted model: answers deterministically from the prompt.
 *
 * - thinking (when requested): `Thinking about <n> input words.`, signed with a signature derived from its text;
 * - a forced tool (`tool_choice`): one call to it, no text, stop `tool_use`, arguments from its schema;
 * - otherwise the text `echo: <last user text>`, cut before the earliest stop sequence (stop `stop_sequence`);
 * - the output budget (`maxTokens`) is spent on thinking, then text; running out stops with `max_tokens`
 *   (a forced tool call is never cut);
 * - tokens are whitespace-separated words (`countTokens`);
 * - a conversation holding an agent task (`prompt.agent`) plays the agent script instead (agent-script.ts).
 */
export function runScriptedModel(prompt: ScriptPrompt): Script {
  const agent = prompt.agent && playAgentScript(prompt, prompt.agent);
  if (agent) return agent;
  const inputTokens = countAllTokens(prompt.inputTexts);
  const id = stableHash(JSON.stringify([prompt.inputTexts, prompt.maxTokens, prompt.stopSequences, prompt.thinking]));
  let budget = prompt.maxTokens ?? Number.POSITIVE_INFINITY;
  let stop: ScriptStop = 'end_turn';

  let thinking: Script['thinking'] = null;
  if (prompt.thinking) {
    let text = `Thinking about ${inputTokens} input words.`;
    if (countTokens(text) > budget) {
      text = firstTokens(text, budget);
      stop = 'max_tokens';
    }
    budget -= countTokens(text);
    thinking = { text, signature: signatureFor(text) };
  }
  const thinkingTokens = thinking ? countTokens(thinking.text) : 0;

  if (prompt.forcedTool && stop !== 'max_tokens') {
    const call: ScriptToolCall = {
      id: `${id}_0`,
      name: prompt.forcedTool.name,
      input: argumentsFromSchema(prompt.forcedTool.inputSchema),
    };
    const outputTokens = thinkingTokens + countTokens(JSON.stringify(call.input));
    return {
      id,
      thinking,
      text: '',
      toolCalls: [call],
      stop: 'tool_use',
      stopSequence: null,
      usage: { inputTokens, outputTokens, thinkingTokens },
    };
  }

  let text = stop === 'max_tokens' ? '' : prompt.lastUserText === '' ? 'echo:' : `echo: ${prompt.lastUserText}`;
  let stopSequence: string | null = null;
  const cut = earliestStopSequence(text, prompt.stopSequences);
  if (cut) {
    text = text.slice(0, cut.at);
    stopSequence = cut.sequence;
  }
  if (countTokens(text) > budget) {
    text = firstTokens(text, budget);
    stop = 'max_tokens';
    stopSequence = null;
  } else if (stopSequence !== null) {
    stop = 'stop_sequence';
  }
  const outputTokens = thinkingTokens + countTokens(text);
  return {
    id,
    thinking,
    text,
    toolCalls: [],
    stop,
    stopSequence,
    usage: { inputTokens, outputTokens, thinkingTokens },
  };
}

function earliestStopSequence(
  text: string,
  sequences: readonly string[],
): { at: number; sequence: string } | undefined {
  let best: { at: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const at = text.indexOf(sequence);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, sequence };
  }
  return best;
}
