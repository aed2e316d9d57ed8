import fc from 'fast-check';
import type {
  ChatCompletionRequestAssistantMessage,
  ChatCompletionRequestMessage,
  ChatCompletionRequestMessageContentPartImage,
  ChatCompletionRequestMessageContentPartText,
  ChatCompletionTool,
  CreateChatCompletionRequest,
  FunctionObject,
} from '../../generated/openai-chat/types.gen.js';
import { isBlank } from '../../src/core/blank-text.js';
import { anyToolName, modelName, text, toolInput, visibleText } from './text.js';

type UserPart = ChatCompletionRequestMessageContentPartText | ChatCompletionRequestMessageContentPartImage;

export interface OpenAIRequestShape {
  /** image_url parts in user messages */
  images?: boolean;
  /** fields with no Anthropic equivalent (`n`, `logprobs`, `presence_penalty`, `seed`, `response_format`, ...) */
  openaiOnly?: boolean;
}

const textPart = text.map((t): ChatCompletionRequestMessageContentPartText => ({ type: 'text', text: t }));

const imagePart: fc.Arbitrary<ChatCompletionRequestMessageContentPartImage> = fc.oneof(
  fc.base64String({ minLength: 4, maxLength: 40 }).map(
    (d): ChatCompletionRequestMessageContentPartImage => ({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${d}` },
    }),
  ),
  fc.webUrl().map((url): ChatCompletionRequestMessageContentPartImage => ({ type: 'image_url', image_url: { url } })),
);

const toolDef = (name: string): fc.Arbitrary<ChatCompletionTool> =>
  fc
    .record({
      description: fc.option(text, { nil: undefined }),
      props: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
    })
    .map(({ description, props }) => {
      const fn: FunctionObject = {
        name,
        parameters: { type: 'object', properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])) },
      };
      if (description !== undefined) fn.description = description;
      return { type: 'function', function: fn };
    });

interface Call {
  id: string;
  name: string;
  args: Record<string, unknown>;
  result: string;
}

const turn = (names: readonly string[], images: boolean | undefined, t: number) =>
  fc.record({
    // a user message says something (blank parts may be among its parts; a blank message would be a turn with nothing
    // in it, which no provider takes)
    user: fc.oneof(
      visibleText,
      fc
        .array<UserPart>(images ? fc.oneof(textPart, imagePart) : textPart, { minLength: 1, maxLength: 3 })
        .filter((parts) => parts.some((p) => p.type !== 'text' || !isBlank(p.text))),
    ),
    assistantText: fc.option(text, { nil: null }),
    calls:
      names.length === 0
        ? fc.constant<Call[]>([])
        : fc
            .array(
              fc.record({
                id: fc.stringMatching(/^[A-Za-z0-9]{8,12}$/),
                name: fc.constantFrom(...names),
                args: toolInput,
                result: text,
              }),
              {
                maxLength: 2,
              },
            )
            .map((cs) => cs.map((c, i) => ({ ...c, id: `call_${t}${i}${c.id}` }))),
  });

/**
 * OpenAI `CreateChatCompletionRequest` valid by construction: optional system/developer message, user and
 * assistant messages alternating, every assistant `tool_calls` entry answered by a `tool` message right after it.
 */
export function openaiRequest(shape: OpenAIRequestShape = {}): fc.Arbitrary<CreateChatCompletionRequest> {
  return fc
    .record({
      model: modelName,
      names: fc.uniqueArray(anyToolName, { maxLength: 3 }),
      system: fc.option(fc.record({ role: fc.constantFrom('system' as const, 'developer' as const), content: text }), {
        nil: undefined,
      }),
      maxTokens: fc.option(fc.integer({ min: 1, max: 8192 }), { nil: undefined }),
      maxField: fc.constantFrom('max_tokens' as const, 'max_completion_tokens' as const),
      stop: fc.option(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z#]{1,6}$/),
          fc.uniqueArray(fc.stringMatching(/^[A-Za-z#]{1,6}$/), { minLength: 1, maxLength: 4 }),
        ),
        {
          nil: undefined,
        },
      ),
      temperature: fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
      topP: fc.option(fc.constantFrom(0.1, 0.9, 1), { nil: undefined }),
      stream: fc.option(fc.boolean(), { nil: undefined }),
      includeUsage: fc.boolean(),
      toolChoice: fc.option(fc.constantFrom('auto' as const, 'required' as const, 'none' as const, 'named' as const), {
        nil: undefined,
      }),
      parallel: fc.option(fc.boolean(), { nil: undefined }),
      user: fc.option(fc.stringMatching(/^[a-z0-9-]{1,16}$/), { nil: undefined }),
      n: shape.openaiOnly ? fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) : fc.constant(undefined),
      seed: shape.openaiOnly ? fc.option(fc.nat(), { nil: undefined }) : fc.constant(undefined),
      presence: shape.openaiOnly ? fc.option(fc.constantFrom(-1, 0, 1.5), { nil: undefined }) : fc.constant(undefined),
      turnCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain((r) =>
      fc
        .tuple(
          fc.tuple(...Array.from({ length: r.turnCount }, (_, t) => turn(r.names, shape.images, t))),
          r.names.length === 0 ? fc.constant<ChatCompletionTool[]>([]) : fc.tuple(...r.names.map((n) => toolDef(n))),
        )
        .map(([turns, tools]) => {
          const messages: ChatCompletionRequestMessage[] = [];
          if (r.system) messages.push({ ...r.system });
          turns.forEach((tu, t) => {
            messages.push({ role: 'user', content: tu.user });
            if (t === turns.length - 1) return;
            const a: ChatCompletionRequestAssistantMessage = { role: 'assistant', content: tu.assistantText };
            if (tu.calls.length > 0) {
              a.tool_calls = tu.calls.map((c) => ({
                id: c.id,
                type: 'function',
                function: { name: c.name, arguments: JSON.stringify(c.args) },
              }));
            } else if (tu.assistantText === null) {
              a.content = 'ok';
            }
            messages.push(a);
            for (const c of tu.calls) messages.push({ role: 'tool', tool_call_id: c.id, content: c.result });
          });
          const req: CreateChatCompletionRequest = { model: r.model, messages };
          if (r.maxTokens !== undefined) req[r.maxField] = r.maxTokens;
          if (r.stop !== undefined) req.stop = r.stop;
          if (r.temperature !== undefined) req.temperature = r.temperature;
          if (r.topP !== undefined) req.top_p = r.topP;
          if (r.stream !== undefined) req.stream = r.stream;
          if (r.stream === true && r.includeUsage) req.stream_options = { include_usage: true };
          if (r.user !== undefined) req.user = r.user;
          if (tools.length > 0) {
            req.tools = tools;
            if (r.toolChoice !== undefined) {
              req.tool_choice =
                r.toolChoice === 'named' ? { type: 'function', function: { name: r.names[0] ?? '' } } : r.toolChoice;
            }
            if (r.parallel !== undefined) req.parallel_tool_calls = r.parallel;
          }
          if (r.n !== undefined) req.n = r.n;
          if (r.seed !== undefined) req.seed = r.seed;
          if (r.presence !== undefined) req.presence_penalty = r.presence;
          return req;
        }),
    );
}
