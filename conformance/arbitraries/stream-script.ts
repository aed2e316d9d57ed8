import fc from 'fast-check';
import { modelName, splitText, textPiece, toolInput, toolInputWithoutEmptyContainers, toolName } from './text.js';

/**
 * A neutral description of one model turn, independent of any wire format. Rendered into an Anthropic event
 * sequence (`render-anthropic-events.ts`), an OpenAI chunk sequence (`render-openai-chunks.ts`), Gemini chunks
 * (`render-gemini-chunks.ts`), ConverseStream events (`render-converse-events.ts`) or Bedrock InvokeModel events
 * (`render-bedrock-invoke-events.ts`).
 */
export type ScriptBlock =
  | { kind: 'text'; pieces: string[] }
  | { kind: 'thinking'; pieces: string[]; signature: string }
  /** `fragments` concatenate to `JSON.stringify(input)` */
  | { kind: 'tool'; id: string; name: string; input: Record<string, unknown>; fragments: string[] };

export type ScriptStop = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export interface ScriptUsage {
  /** uncached input tokens (Anthropic `input_tokens`) */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface StreamScript {
  id: string;
  model: string;
  blocks: ScriptBlock[];
  stop: ScriptStop;
  /** the matched stop sequence when `stop` is `stop_sequence` */
  stopSequence: string | null;
  usage: ScriptUsage;
  /** positions (before event i) at which an Anthropic `ping` is sent; ignored for OpenAI */
  pings: number[];
  /**
   * OpenAI only: where the usage goes: its own final chunk with `choices: []` (OpenAI with `include_usage`),
   * the finish chunk (what several OpenAI-compatible servers send), or nowhere (no `include_usage`)
   */
  openaiUsage: 'separate' | 'with-finish' | 'none';
  /** Gemini only: the `finishReason` of a refusal (any of the safety family) */
  geminiRefusal: GeminiRefusal;
  /** Gemini only: whether `functionCall` parts carry the call's `id` (optional in Gemini; most models send none) */
  geminiCallIds: boolean;
  /**
   * Gemini only: whether calls stream their arguments as `partialArgs` (Vertex AI, when the request asked for
   * `streamFunctionCallArguments`); a call whose arguments hold an empty object or list still comes whole
   */
  geminiStreamedArgs: boolean;
  /** Bedrock Converse only: the `stopReason` of a refusal */
  converseRefusal: 'content_filtered' | 'guardrail_intervened';
  /**
   * Bedrock Converse only: which blocks get their `contentBlockStop` — all (as documented), none, or every other
   * one (as real streams do: the next block or `messageStop` ends a block that got none)
   */
  converseBlockStops: 'always' | 'never' | 'alternate';
}

export type GeminiRefusal =
  | 'SAFETY'
  | 'RECITATION'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'IMAGE_SAFETY'
  | 'IMAGE_PROHIBITED_CONTENT'
  | 'IMAGE_RECITATION';

export interface ScriptShape {
  /** allow thinking blocks (signed reasoning; OpenAI renders them as unsigned `reasoning_content`) */
  thinking?: boolean;
  /** allow text after a tool call */
  textAfterTools?: boolean;
  /** with `thinking`: allow a second thinking block after the first text (thinking after other content) */
  interleavedThinking?: boolean;
  /** tool inputs without empty objects or lists (which streamed Gemini arguments cannot express) */
  noEmptyContainers?: boolean;
}

const pieces = fc.array(textPiece, { minLength: 1, maxLength: 5 });

const textBlock: fc.Arbitrary<ScriptBlock> = pieces.map((p) => ({ kind: 'text', pieces: p }));

const thinkingBlock: fc.Arbitrary<ScriptBlock> = fc
  .record({ pieces, signature: fc.base64String({ minLength: 8, maxLength: 64 }) })
  .map((r) => ({ kind: 'thinking', ...r }));

const toolBlock = (i: number, noEmpty: boolean): fc.Arbitrary<ScriptBlock> =>
  fc
    .record({
      suffix: fc.stringMatching(/^[A-Za-z0-9]{8,16}$/),
      name: toolName,
      input: noEmpty ? toolInputWithoutEmptyContainers : toolInput,
      cuts: fc.array(fc.nat({ max: 200 }), { maxLength: 5 }),
    })
    .map(({ suffix, name, input, cuts }) => {
      const json = JSON.stringify(input);
      return { kind: 'tool', id: `toolu_${i}${suffix}`, name, input, fragments: splitText(json, cuts) };
    });

/**
 * A stream script. With tool blocks the stop reason is mostly `tool_use`, else `max_tokens` or `refusal`; without, never
 * `tool_use`. With `thinking`, one thinking block may lead; with `interleavedThinking` too, another may follow the
 * first text.
 */
export function streamScript(shape: ScriptShape = {}): fc.Arbitrary<StreamScript> {
  return fc
    .record({
      id: fc.stringMatching(/^[A-Za-z0-9]{6,12}$/),
      model: modelName,
      thinking: shape.thinking ? fc.option(thinkingBlock, { nil: undefined }) : fc.constant(undefined),
      lead: fc.option(textBlock, { nil: undefined }),
      // a second thinking block after the text (interleaved thinking: thinking after other content)
      later:
        shape.thinking && shape.interleavedThinking
          ? fc.option(thinkingBlock, { nil: undefined, freq: 3 })
          : fc.constant(undefined),
      toolCount: fc.nat({ max: 3 }),
      tail: shape.textAfterTools ? fc.option(textBlock, { nil: undefined }) : fc.constant(undefined),
      tools: fc.tuple(
        toolBlock(0, shape.noEmptyContainers === true),
        toolBlock(1, shape.noEmptyContainers === true),
        toolBlock(2, shape.noEmptyContainers === true),
      ),
      plainStop: fc.constantFrom<ScriptStop>('end_turn', 'max_tokens', 'stop_sequence', 'refusal'),
      // a turn with tool calls mostly stops for them, but may be cut (max_tokens) or refused after them
      toolStop: fc.constantFrom<ScriptStop>('tool_use', 'tool_use', 'tool_use', 'max_tokens', 'refusal'),
      stopSequence: fc.constantFrom('STOP', '\n\nHuman:', '###'),
      usage: fc.record({
        input: fc.nat({ max: 100000 }),
        output: fc.nat({ max: 10000 }),
        cacheRead: fc.nat({ max: 5000 }),
        cacheWrite: fc.nat({ max: 5000 }),
      }),
      pings: fc.array(fc.nat({ max: 40 }), { maxLength: 3 }),
      openaiUsage: fc.constantFrom<StreamScript['openaiUsage']>('separate', 'with-finish', 'none'),
      geminiRefusal: fc.constantFrom<GeminiRefusal>(
        'SAFETY',
        'RECITATION',
        'BLOCKLIST',
        'PROHIBITED_CONTENT',
        'SPII',
        'IMAGE_SAFETY',
        'IMAGE_PROHIBITED_CONTENT',
        'IMAGE_RECITATION',
      ),
      geminiCallIds: fc.boolean(),
      geminiStreamedArgs: fc.boolean(),
      converseRefusal: fc.constantFrom<StreamScript['converseRefusal']>('content_filtered', 'guardrail_intervened'),
      converseBlockStops: fc.constantFrom<StreamScript['converseBlockStops']>('always', 'never', 'alternate'),
    })
    .map((r) => {
      const blocks: ScriptBlock[] = [];
      if (r.thinking) blocks.push(r.thinking);
      if (r.lead) blocks.push(r.lead);
      if (r.lead && r.later) blocks.push(r.later);
      const tools = r.tools.slice(0, r.toolCount);
      blocks.push(...tools);
      if (tools.length > 0 && r.tail) blocks.push(r.tail);
      if (blocks.length === 0 || blocks.every((b) => b.kind === 'thinking'))
        blocks.push({ kind: 'text', pieces: ['ok'] });
      const stop: ScriptStop = tools.length > 0 ? r.toolStop : r.plainStop;
      return {
        id: r.id,
        model: r.model,
        blocks,
        stop,
        stopSequence: stop === 'stop_sequence' ? r.stopSequence : null,
        usage: r.usage,
        pings: r.pings,
        openaiUsage: r.openaiUsage,
        geminiRefusal: r.geminiRefusal,
        geminiCallIds: r.geminiCallIds,
        geminiStreamedArgs: r.geminiStreamedArgs,
        converseRefusal: r.converseRefusal,
        converseBlockStops: r.converseBlockStops,
      };
    });
}
