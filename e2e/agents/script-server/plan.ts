import { agentFinalText, agentPrompt } from '../../../conformance/scripted-model/agent-script.js';

export {
  type OfferedTool,
  pickTool,
  QUOTE_CLOSE,
  QUOTE_OPEN,
  shellQuote,
  type ToolCallChoice,
  writeCommand,
} from '../../../conformance/scripted-model/agent-script.js';

/**
 * The two-turn script every agent run plays, and the choice of the tool that carries it out.
 *
 * Turn 1: thinking (with the format's signature) and one tool call that writes `content` to `filePath`.
 * Turn 2 (once the tool result is back): a final text that quotes the tool result between the two markers.
 */

/** The wire format an agent speaks (and so the format the server it is pointed at must answer in). */
export type AgentFormat = 'anthropic-messages' | 'openai-responses' | 'gemini';

export interface ScriptPlan {
  /** Unique per run; put in the prompt so the server can tell the run's own conversation from side requests. */
  readonly nonce: string;
  /** Absolute path of the file the tool call writes (inside the run's working directory). */
  readonly filePath: string;
  readonly content: string;
  /** Reasoning text streamed before the tool call. */
  readonly thinking: string;
  /** Opaque signature / encrypted content / thought signature the client must replay byte for byte. */
  readonly signature: string;
  /** The id the server gives its tool call (formats that carry one). */
  readonly callId: string;
}

/** The final text of turn 2. */
export const finalText: (plan: ScriptPlan, toolResult: string) => string = agentFinalText;

/** The prompt the agent is started with. The server does not read it beyond the nonce. */
export const promptFor: (plan: ScriptPlan) => string = agentPrompt;

/** Does this conversation text belong to the run (and not to a side request such as title generation)? */
export function mentionsRun(plan: ScriptPlan, text: string): boolean {
  return text.includes(`[crosswire-e2e ${plan.nonce}]`);
}

/** Splits a string into `parts` pieces of about equal length (at least one character each, when possible). */
export function splitInto(text: string, parts: number): string[] {
  if (text.length === 0) return [''];
  const n = Math.max(1, Math.min(parts, text.length));
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
