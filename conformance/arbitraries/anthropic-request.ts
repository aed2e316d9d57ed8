import fc from 'fast-check';
import type {
  ContentBlockParam,
  ImageBlockParam,
  MessageCreateParams,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolChoice,
  ToolResultBlockParam,
} from '../../generated/anthropic-messages/types.gen.js';
import { anyToolName, modelName, visibleText as text, toolInput } from './text.js';

/** Which optional request features to generate. The round-trip core leaves out fields OpenAI cannot carry. */
export interface AnthropicRequestShape {
  /** thinking config and thinking blocks in assistant turns (not expressible in OpenAI Chat) */
  thinking?: boolean;
  /** images (base64 and url) in user turns */
  images?: boolean;
  /** `top_k`, `metadata`, `cache_control` and other fields with no OpenAI equivalent */
  anthropicOnly?: boolean;
  /** content as a string vs blocks is always varied; this forces block form (to test the normalization) */
  blocksOnly?: boolean;
}

const textBlock = text.map((t): TextBlockParam => ({ type: 'text', text: t }));

const imageBlock: fc.Arbitrary<ImageBlockParam> = fc.oneof(
  fc
    .record({
      media_type: fc.constantFrom(
        'image/png' as const,
        'image/jpeg' as const,
        'image/gif' as const,
        'image/webp' as const,
      ),
      data: fc.base64String({ minLength: 4, maxLength: 40 }),
    })
    .map((s): ImageBlockParam => ({ type: 'image', source: { type: 'base64', ...s } })),
  fc.webUrl().map((url): ImageBlockParam => ({ type: 'image', source: { type: 'url', url } })),
);

const toolDef = (name: string): fc.Arbitrary<Tool> =>
  fc
    .record({
      description: fc.option(text, { nil: undefined }),
      props: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
    })
    .map(({ description, props }) => {
      const input_schema: Tool['input_schema'] = {
        type: 'object',
        properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])),
      };
      if (props.length > 0) input_schema.required = props.slice(0, 1);
      const t: Tool = { name, input_schema };
      if (description !== undefined) t.description = description;
      return t;
    });

/** One exchange of a conversation: user text, then the assistant's text and/or tool calls, then their results. */
interface Turn {
  user: (TextBlockParam | ImageBlockParam)[];
  assistantText: string | undefined;
  thinking: { thinking: string; signature: string } | undefined;
  calls: { id: string; name: string; input: Record<string, unknown>; result: string; isError: boolean | undefined }[];
}

const turn = (shape: AnthropicRequestShape, names: readonly string[], t: number): fc.Arbitrary<Turn> =>
  fc.record({
    user: fc.array<TextBlockParam | ImageBlockParam>(shape.images ? fc.oneof(textBlock, imageBlock) : textBlock, {
      minLength: 1,
      maxLength: 3,
    }),
    assistantText: fc.option(text, { nil: undefined }),
    thinking: shape.thinking
      ? fc.option(fc.record({ thinking: text, signature: fc.base64String({ minLength: 8, maxLength: 40 }) }), {
          nil: undefined,
        })
      : fc.constant(undefined),
    calls:
      names.length === 0
        ? fc.constant([])
        : fc
            .array(
              fc.record({
                id: fc.stringMatching(/^[A-Za-z0-9]{8,12}$/),
                name: fc.constantFrom(...names),
                input: toolInput,
                result: text,
                isError: fc.option(fc.boolean(), { nil: undefined }),
              }),
              { maxLength: 2 },
            )
            .map((cs) => cs.map((c, i) => ({ ...c, id: `toolu_${t}${i}${c.id}` }))),
  });

function stringOrBlocks(
  blocks: ContentBlockParam[],
  blocksOnly: boolean | undefined,
  asString: boolean,
): string | ContentBlockParam[] {
  const [only] = blocks;
  if (!blocksOnly && asString && blocks.length === 1 && only?.type === 'text' && typeof only.text === 'string')
    return only.text;
  return blocks;
}

/**
 * Anthropic `MessageCreateParams` valid by construction: alternating user/assistant turns starting with user,
 * every `tool_use` answered by a `tool_result` in the next user turn (results first), tool names declared in
 * `tools`, unique tool ids, `max_tokens` above a thinking budget.
 */
export function anthropicRequest(shape: AnthropicRequestShape = {}): fc.Arbitrary<MessageCreateParams> {
  return fc
    .record({
      model: modelName,
      names: fc.uniqueArray(anyToolName, { maxLength: 3 }),
      system: fc.option(fc.oneof(text, fc.array(textBlock, { minLength: 1, maxLength: 2 })), { nil: undefined }),
      maxTokens: fc.integer({ min: 1, max: 8192 }),
      stop: fc.option(fc.uniqueArray(fc.stringMatching(/^[A-Za-z#\n]{1,6}$/), { minLength: 1, maxLength: 4 }), {
        nil: undefined,
      }),
      temperature: fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
      topP: fc.option(fc.constantFrom(0.1, 0.9, 1), { nil: undefined }),
      stream: fc.option(fc.boolean(), { nil: undefined }),
      stringForm: fc.boolean(),
      toolChoice: fc.option(fc.constantFrom('auto' as const, 'any' as const, 'tool' as const, 'none' as const), {
        nil: undefined,
      }),
      disableParallel: fc.option(fc.boolean(), { nil: undefined }),
      thinkingBudget: shape.thinking
        ? fc.option(fc.integer({ min: 1024, max: 4096 }), { nil: undefined })
        : fc.constant(undefined),
      topK: shape.anthropicOnly
        ? fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined })
        : fc.constant(undefined),
      userId: shape.anthropicOnly ? fc.option(fc.uuid(), { nil: undefined }) : fc.constant(undefined),
      turnCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain((r) =>
      fc.tuple(...Array.from({ length: r.turnCount }, (_, t) => turn(shape, r.names, t))).map((turns) => {
        const messages: MessageParam[] = [];
        let pendingResults: ToolResultBlockParam[] = [];
        turns.forEach((tu, t) => {
          const last = t === turns.length - 1;
          messages.push({
            role: 'user',
            content: stringOrBlocks([...pendingResults, ...tu.user], shape.blocksOnly, r.stringForm),
          });
          pendingResults = [];
          if (last) return; // the request ends with a user turn
          const blocks: ContentBlockParam[] = [];
          if (tu.thinking) blocks.push({ type: 'thinking', ...tu.thinking });
          if (tu.assistantText !== undefined) blocks.push({ type: 'text', text: tu.assistantText });
          for (const c of tu.calls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.input });
          if (blocks.length === 0) blocks.push({ type: 'text', text: 'ok' });
          messages.push({ role: 'assistant', content: stringOrBlocks(blocks, shape.blocksOnly, r.stringForm) });
          pendingResults = tu.calls.map((c) => {
            const res: ToolResultBlockParam = { type: 'tool_result', tool_use_id: c.id, content: c.result };
            if (c.isError !== undefined) res.is_error = c.isError;
            return res;
          });
        });
        const req: MessageCreateParams = { model: r.model, max_tokens: r.maxTokens, messages };
        if (r.system !== undefined) req.system = r.system;
        if (r.stop !== undefined) req.stop_sequences = r.stop;
        if (r.temperature !== undefined) req.temperature = r.temperature;
        if (r.topP !== undefined) req.top_p = r.topP;
        if (r.stream !== undefined) req.stream = r.stream;
        if (r.thinkingBudget !== undefined) {
          req.thinking = { type: 'enabled', budget_tokens: r.thinkingBudget };
          req.max_tokens = Math.max(r.maxTokens, r.thinkingBudget + 1);
        }
        if (r.topK !== undefined) req.top_k = r.topK;
        if (r.userId !== undefined) req.metadata = { user_id: r.userId };
        if (r.toolChoice !== undefined && r.names.length > 0) {
          const disable = r.disableParallel === undefined ? {} : { disable_parallel_tool_use: r.disableParallel };
          const tc: ToolChoice =
            r.toolChoice === 'tool'
              ? { type: 'tool', name: r.names[0] ?? '', ...disable }
              : r.toolChoice === 'none'
                ? { type: 'none' }
                : { type: r.toolChoice, ...disable };
          req.tool_choice = tc;
        }
        return { req, names: r.names };
      }),
    )
    .chain(({ req, names }) =>
      names.length === 0
        ? fc.constant(req)
        : fc.tuple(...names.map((n) => toolDef(n))).map((tools) => ({ ...req, tools })),
    );
}
