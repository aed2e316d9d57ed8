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

/** A tool as a request offers it, reduced to what the choice needs. */
export interface OfferedTool {
  readonly name: string;
  /** JSON Schema of the arguments */
  readonly schema: unknown;
}

/** A tool call found in the replayed history. */
export interface ReplayedCall {
  /** the call's id; undefined in formats without one (Gemini) */
  readonly id: string | undefined;
  readonly name: string;
  readonly input: unknown;
}

/** A tool result found in the conversation. */
export interface ReplayedResult {
  /** the id of the call it answers; undefined in formats without one (Gemini pairs by name) */
  readonly id: string | undefined;
  /** the tool's name, where the format carries it */
  readonly name: string | undefined;
  readonly text: string;
}

/** A signature (or encrypted reasoning) found in the replayed history, with its reasoning text when replayed. */
export interface ReplayedThinking {
  readonly text: string | undefined;
  readonly signature: string;
}

/** The conversation as the agent script reads it; each format's mock builds it from its own body. */
export interface AgentView {
  /** every user-authored text (the task is found in them) */
  readonly userTexts: readonly string[];
  readonly tools: readonly OfferedTool[];
  readonly calls: readonly ReplayedCall[];
  readonly results: readonly ReplayedResult[];
  readonly thinking: readonly ReplayedThinking[];
  /** turn 1 carries a signature the client must replay (its format has one, and this request asks for it) */
  readonly signed: boolean;
  /** the prefix this format's renderer puts before a call id suffix; undefined: the format carries no call id */
  readonly callIdPrefix: string | undefined;
}
