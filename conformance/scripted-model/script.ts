import type { AgentView } from './agent-script.js';

/**
 * The scripted model's neutral input and output. A provider mock turns its request into a `ScriptPrompt`, runs
 * `runScriptedModel`, and renders the resulting `Script` in its own wire format (JSON response or stream).
 */

/** What the scripted model reads from a request, whatever its format. */
export interface ScriptPrompt {
  /** text of the last user turn: its text parts joined with "\n"; its tool results' text when it has no text */
  lastUserText: string;
  /** every text the model reads (system, messages, tool results, tool-call arguments): input token count */
  inputTexts: readonly string[];
  /** output token budget (`max_tokens`, `max_completion_tokens`); undefined: no limit */
  maxTokens: number | undefined;
  stopSequences: readonly string[];
  /** thinking / reasoning requested (Anthropic `thinking`, OpenAI `reasoning_effort`) */
  thinking: boolean;
  /** the tool that `tool_choice` forces, if any */
  forcedTool: { name: string; inputSchema: unknown } | undefined;
  /** the conversation as the agent script reads it (agent-script.ts); absent: the echo model only */
  agent?: AgentView;
}

export type ScriptStop = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

export interface ScriptToolCall {
  /** deterministic id suffix; renderers add their prefix (`toolu_`, `call_`) */
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** The model's answer in no particular format. */
export interface Script {
  /** deterministic id derived from the prompt; renderers add their prefix (`msg_`, `chatcmpl-`) */
  id: string;
  thinking: { text: string; signature: string } | null;
  /** '' when the model says nothing (a forced tool call, or a stop sequence right at the start) */
  text: string;
  toolCalls: ScriptToolCall[];
  stop: ScriptStop;
  /** the stop sequence that ended the text, when `stop` is `stop_sequence` */
  stopSequence: string | null;
  usage: {
    inputTokens: number;
    /** every output token, thinking included */
    outputTokens: number;
    thinkingTokens: number;
  };
}
