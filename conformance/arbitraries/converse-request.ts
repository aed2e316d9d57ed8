import fc from 'fast-check';
import type {
  ContentBlock,
  ConverseRequest,
  InferenceConfiguration,
  Message,
  SystemContentBlock,
  Tool,
  ToolConfiguration,
} from '../../generated/bedrock-converse/types.gen.js';
import { toolInput, toolName, visibleText } from './text.js';

/** Which optional request features to generate. */
export interface ConverseRequestShape {
  /** `reasoningContent` (text with a signature) at the start of assistant turns */
  reasoning?: boolean;
  /** image blocks (png/jpeg, bytes as base64 in JSON) in user turns */
  images?: boolean;
  /** `cachePoint` blocks after the system prompt, the tools and the last user text */
  cachePoints?: boolean;
}

const CACHE_POINT = { cachePoint: { type: 'default' as const } };

const textBlock: fc.Arbitrary<ContentBlock> = visibleText.map((t): ContentBlock => ({ text: t }));

const imageBlock: fc.Arbitrary<ContentBlock> = fc
  .record({
    format: fc.constantFrom('png' as const, 'jpeg' as const),
    bytes: fc.base64String({ minLength: 4, maxLength: 40 }),
  })
  .map(({ format, bytes }): ContentBlock => ({ image: { format, source: { bytes } } }));

const toolSpec = (name: string): fc.Arbitrary<Tool> =>
  fc
    .record({
      description: fc.option(visibleText, { nil: undefined }),
      props: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
    })
    .map(({ description, props }) => {
      const json: Record<string, unknown> = {
        type: 'object',
        properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])),
      };
      if (props.length > 0) json.required = props.slice(0, 1);
      const spec: NonNullable<Tool['toolSpec']> = { name, inputSchema: { json } };
      if (description !== undefined) spec.description = description;
      return { toolSpec: spec };
    });

interface Call {
  id: string;
  name: string;
  input: Record<string, unknown>;
  result: string;
  status: 'success' | 'error' | undefined;
}

interface Turn {
  user: ContentBlock[];
  assistantText: string | undefined;
  reasoning: { text: string; signature: string } | undefined;
  calls: Call[];
}

const turn = (shape: ConverseRequestShape, names: readonly string[], t: number): fc.Arbitrary<Turn> =>
  fc.record({
    user: fc.array(shape.images ? fc.oneof(textBlock, imageBlock) : textBlock, { minLength: 1, maxLength: 3 }),
    assistantText: fc.option(visibleText, { nil: undefined }),
    reasoning: shape.reasoning
      ? fc.option(fc.record({ text: visibleText, signature: fc.base64String({ minLength: 8, maxLength: 40 }) }), {
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
                result: visibleText,
                status: fc.option(fc.constantFrom('success' as const, 'error' as const), { nil: undefined }),
              }),
              { maxLength: 2 },
            )
            .map((cs) => cs.map((c, i) => ({ ...c, id: `tooluse_${t}${i}${c.id}` }))),
  });

/**
 * A Bedrock Converse request body valid by construction: `user` and `assistant` messages alternating, starting and
 * ending with `user`; every `toolUse` answered by a `toolResult` in the next user message (results first); tools
 * declared in `toolConfig` (with JSON Schema input) whenever tool blocks appear; `toolChoice` auto/any/tool;
 * system blocks; `inferenceConfig`; at most three `cachePoint`s; no whitespace-only text.
 */
export function converseRequest(shape: ConverseRequestShape = {}): fc.Arbitrary<ConverseRequest> {
  return fc
    .record({
      names: fc.uniqueArray(toolName, { maxLength: 3 }),
      system: fc.option(fc.array(visibleText, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      maxTokens: fc.option(fc.integer({ min: 1, max: 8192 }), { nil: undefined }),
      stop: fc.option(fc.uniqueArray(fc.stringMatching(/^[A-Za-z#]{1,6}$/), { minLength: 1, maxLength: 4 }), {
        nil: undefined,
      }),
      temperature: fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
      topP: fc.option(fc.constantFrom(0.1, 0.9, 1), { nil: undefined }),
      choice: fc.option(fc.constantFrom('auto' as const, 'any' as const, 'tool' as const), { nil: undefined }),
      cache: shape.cachePoints
        ? fc.record({ system: fc.boolean(), tools: fc.boolean(), user: fc.boolean() })
        : fc.constant({ system: false, tools: false, user: false }),
      turnCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain((r) =>
      fc
        .tuple(
          fc.tuple(...Array.from({ length: r.turnCount }, (_, t) => turn(shape, r.names, t))),
          r.names.length === 0 ? fc.constant([]) : fc.tuple(...r.names.map((n) => toolSpec(n))),
        )
        .map(([turns, specs]) => {
          const messages: Message[] = [];
          let pending: ContentBlock[] = [];
          turns.forEach((tu, t) => {
            const last = t === turns.length - 1;
            const user = [...pending, ...tu.user];
            if (last && r.cache.user) user.push(CACHE_POINT);
            messages.push({ role: 'user', content: user });
            pending = [];
            if (last) return; // the request ends with a user message
            const blocks: ContentBlock[] = [];
            if (tu.reasoning)
              blocks.push({
                reasoningContent: { reasoningText: { text: tu.reasoning.text, signature: tu.reasoning.signature } },
              });
            if (tu.assistantText !== undefined) blocks.push({ text: tu.assistantText });
            for (const c of tu.calls) blocks.push({ toolUse: { toolUseId: c.id, name: c.name, input: c.input } });
            if (blocks.length === 0 || (blocks.length === 1 && tu.reasoning)) blocks.push({ text: 'ok' });
            messages.push({ role: 'assistant', content: blocks });
            pending = tu.calls.map((c): ContentBlock => {
              const res: NonNullable<ContentBlock['toolResult']> = { toolUseId: c.id, content: [{ text: c.result }] };
              if (c.status !== undefined) res.status = c.status;
              return { toolResult: res };
            });
          });
          const req: ConverseRequest = { messages };
          if (r.system !== undefined) {
            const system: SystemContentBlock[] = r.system.map((s) => ({ text: s }));
            if (r.cache.system) system.push(CACHE_POINT);
            req.system = system;
          }
          if (specs.length > 0) {
            const tools: Tool[] = [...specs];
            if (r.cache.tools) tools.push(CACHE_POINT);
            const tc: ToolConfiguration = { tools };
            if (r.choice === 'auto') tc.toolChoice = { auto: {} };
            else if (r.choice === 'any') tc.toolChoice = { any: {} };
            else if (r.choice === 'tool') tc.toolChoice = { tool: { name: r.names[0]! } };
            req.toolConfig = tc;
          }
          const ic: InferenceConfiguration = {};
          if (r.maxTokens !== undefined) ic.maxTokens = r.maxTokens;
          if (r.temperature !== undefined) ic.temperature = r.temperature;
          if (r.topP !== undefined) ic.topP = r.topP;
          if (r.stop !== undefined) ic.stopSequences = r.stop;
          if (Object.keys(ic).length > 0) req.inferenceConfig = ic;
          return req;
        }),
    );
}
