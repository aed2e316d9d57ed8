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

export const QUOTE_OPEN = '<<tool-result>>';
export const QUOTE_CLOSE = '<</tool-result>>';

/** The final text of turn 2. */
export function finalText(plan: ScriptPlan, toolResult: string): string {
  return `Done (${plan.nonce}). ${QUOTE_OPEN}${toolResult}${QUOTE_CLOSE}`;
}

/** The prompt the agent is started with. The server does not read it beyond the nonce. */
export function promptFor(plan: ScriptPlan): string {
  return (
    `[crosswire-e2e ${plan.nonce}] Create the file ${plan.filePath} containing exactly the text ` +
    `"${plan.content}", then tell me what the tool answered.`
  );
}

/** Does this conversation text belong to the run (and not to a side request such as title generation)? */
export function mentionsRun(plan: ScriptPlan, text: string): boolean {
  return text.includes(`[crosswire-e2e ${plan.nonce}]`);
}

/** A tool as offered in a request, reduced to what the choice needs. */
export interface OfferedTool {
  readonly name: string;
  /** JSON schema of the arguments (Anthropic input_schema, OpenAI parameters, Gemini parameters/parametersJsonSchema). */
  readonly schema: unknown;
}

export interface ToolCallChoice {
  readonly name: string;
  /** JSON arguments; for a freeform (custom) tool, `{ input: <the raw input text> }` */
  readonly args: Record<string, unknown>;
  /**
   * How the side effect is produced: a file-writing tool, a shell tool, or (Codex "code mode") a freeform
   * `exec` tool whose input is JavaScript that calls the shell tool.
   */
  readonly kind: 'write-file' | 'shell' | 'code-mode';
}

const PATH_KEYS = ['file_path', 'absolute_path', 'path', 'filename', 'file'];
const CONTENT_KEYS = ['content', 'contents', 'text'];
const COMMAND_KEYS = ['command', 'cmd'];

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const props = (schema as { properties?: unknown }).properties;
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {};
}

function requiredOf(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const req = (schema as { required?: unknown }).required;
  return Array.isArray(req) ? req.filter((r): r is string => typeof r === 'string') : [];
}

/** POSIX single-quoting: the argument comes through the shell unchanged. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The shell command that writes the file and prints it back (so the tool result shows the side effect). */
export function writeCommand(plan: ScriptPlan): string {
  const file = shellQuote(plan.filePath);
  return `printf '%s' ${shellQuote(plan.content)} > ${file} && cat ${file}`;
}

/**
 * Picks the tool for turn 1 from the tools the client offered: a file-writing tool (a path and a content
 * property) if there is one, else a shell tool (a command property). Other required properties it knows
 * nothing about make a tool unusable. Returns undefined when no offered tool fits.
 */
export function pickTool(tools: readonly OfferedTool[], plan: ScriptPlan): ToolCallChoice | undefined {
  const fits = (schema: unknown, filled: string[]): boolean => requiredOf(schema).every((r) => filled.includes(r));
  for (const tool of tools) {
    const props = Object.keys(propertiesOf(tool.schema));
    const pathKey = PATH_KEYS.find((k) => props.includes(k));
    const contentKey = CONTENT_KEYS.find((k) => props.includes(k));
    if (pathKey && contentKey && fits(tool.schema, [pathKey, contentKey])) {
      return { name: tool.name, args: { [pathKey]: plan.filePath, [contentKey]: plan.content }, kind: 'write-file' };
    }
  }
  for (const tool of tools) {
    const props = Object.keys(propertiesOf(tool.schema));
    const commandKey = COMMAND_KEYS.find((k) => props.includes(k));
    if (!commandKey) continue;
    const args: Record<string, unknown> = { [commandKey]: writeCommand(plan) };
    if (props.includes('description')) args.description = 'Write the requested file and print it';
    if (fits(tool.schema, Object.keys(args))) return { name: tool.name, args, kind: 'shell' };
  }
  return undefined;
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
