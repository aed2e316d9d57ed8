import fc from 'fast-check';
import type { CreateResponseRequest } from '../../generated/openai-responses/types.gen.js';
import { isBlank } from '../../src/core/blank-text.js';
import { modelName, text, toolInput, toolName, visibleText } from './text.js';

type Json = Record<string, unknown>;

export interface ResponsesRequestShape {
  /** `input_image` parts (data URLs and https URLs) in user messages */
  images?: boolean;
  /** replayed `reasoning` items (summary and `encrypted_content`) before an assistant turn, and `reasoning` settings */
  reasoning?: boolean;
  /** fields with no Anthropic equivalent (`metadata`, `prompt_cache_key`, `truncation: "auto"`, `top_logprobs`) */
  responsesOnly?: boolean;
}

const inputText = text.map((t): Json => ({ type: 'input_text', text: t }));
const inputImage: fc.Arbitrary<Json> = fc.oneof(
  fc
    .base64String({ minLength: 4, maxLength: 40 })
    .map((d): Json => ({ type: 'input_image', image_url: `data:image/png;base64,${d}`, detail: 'auto' })),
  fc.webUrl({ validSchemes: ['https'] }).map((url): Json => ({ type: 'input_image', image_url: url })),
);

const toolDef = (name: string): fc.Arbitrary<Json> =>
  fc
    .record({
      description: fc.option(text, { nil: undefined }),
      props: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
      strict: fc.constantFrom(false, undefined),
    })
    .map(({ description, props, strict }) => {
      const tool: Json = {
        type: 'function',
        name,
        parameters: { type: 'object', properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])) },
      };
      if (description !== undefined) tool.description = description;
      if (strict !== undefined) tool.strict = strict;
      return tool;
    });

const turn = (names: readonly string[], shape: ResponsesRequestShape, t: number) =>
  fc.record({
    // a user message says something (blank parts may be among its parts; a blank message would be a turn with nothing
    // in it, which no provider takes)
    user: fc.oneof(
      visibleText,
      fc
        .array(shape.images ? fc.oneof(inputText, inputImage) : inputText, { minLength: 1, maxLength: 3 })
        .filter((parts) =>
          parts.some((p) => p.type !== 'input_text' || typeof p.text !== 'string' || !isBlank(p.text)),
        ),
    ),
    typed: fc.boolean(),
    reasoning: shape.reasoning
      ? fc.option(fc.record({ summary: text, encrypted: fc.base64String({ minLength: 8, maxLength: 48 }) }), {
          nil: undefined,
        })
      : fc.constant(undefined),
    assistantText: fc.option(text, { nil: undefined }),
    calls:
      names.length === 0
        ? fc.constant<Array<{ id: string; name: string; args: Json; result: string }>>([])
        : fc
            .array(
              fc.record({
                id: fc.stringMatching(/^[A-Za-z0-9]{8,12}$/),
                name: fc.constantFrom(...names),
                args: toolInput,
                result: text,
              }),
              { maxLength: 2 },
            )
            .map((cs) => cs.map((c, i) => ({ ...c, id: `call_${t}${i}${c.id}` }))),
  });

/**
 * OpenAI Responses `CreateResponseRequest` valid by construction (spec and the strict mock's rules): optional
 * `instructions` and a leading developer/system message; turns of a user message, then (not after the last)
 * optionally a replayed reasoning item, assistant text and function calls, each call answered by its
 * `function_call_output`; function tools (`strict: false` or left out), tool choice, sampling, a token limit of at
 * least 16, streaming, `store: false`.
 */
export function responsesRequest(shape: ResponsesRequestShape = {}): fc.Arbitrary<CreateResponseRequest> {
  return fc
    .record({
      model: modelName,
      names: fc.uniqueArray(toolName, { maxLength: 3 }),
      instructions: fc.option(text, { nil: undefined }),
      developer: fc.option(fc.record({ role: fc.constantFrom('system', 'developer'), content: text }), {
        nil: undefined,
      }),
      maxTokens: fc.option(fc.integer({ min: 16, max: 8192 }), { nil: undefined }),
      temperature: fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
      topP: fc.option(fc.constantFrom(0.1, 0.9, 1), { nil: undefined }),
      stream: fc.option(fc.boolean(), { nil: undefined }),
      toolChoice: fc.option(fc.constantFrom('auto', 'required', 'none', 'named'), { nil: undefined }),
      parallel: fc.option(fc.boolean(), { nil: undefined }),
      effort: shape.reasoning
        ? fc.option(fc.constantFrom('none', 'low', 'medium', 'high'), { nil: undefined })
        : fc.constant(undefined),
      summary: fc.option(fc.constantFrom('auto', 'detailed'), { nil: undefined }),
      safety: fc.option(fc.stringMatching(/^[a-z0-9-]{1,16}$/), { nil: undefined }),
      metadata: shape.responsesOnly
        ? fc.option(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 8 }), { maxKeys: 2 }), {
            nil: undefined,
          })
        : fc.constant(undefined),
      cacheKey: shape.responsesOnly
        ? fc.option(fc.stringMatching(/^[a-z]{1,8}$/), { nil: undefined })
        : fc.constant(undefined),
      truncation: shape.responsesOnly
        ? fc.option(fc.constantFrom('auto', 'disabled'), { nil: undefined })
        : fc.constant(undefined),
      turnCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain((r) =>
      fc
        .tuple(
          fc.tuple(...Array.from({ length: r.turnCount }, (_, t) => turn(r.names, shape, t))),
          r.names.length === 0 ? fc.constant<Json[]>([]) : fc.tuple(...r.names.map((n) => toolDef(n))),
        )
        .map(([turns, tools]) => {
          const input: Json[] = [];
          if (r.developer) input.push({ type: 'message', ...r.developer });
          turns.forEach((tu, t) => {
            input.push(
              tu.typed ? { type: 'message', role: 'user', content: tu.user } : { role: 'user', content: tu.user },
            );
            if (t === turns.length - 1) return;
            const answered = tu.assistantText !== undefined || tu.calls.length > 0;
            if (tu.reasoning && answered)
              input.push({
                type: 'reasoning',
                id: `rs_${t}`,
                summary: [{ type: 'summary_text', text: tu.reasoning.summary }],
                encrypted_content: tu.reasoning.encrypted,
              });
            if (tu.assistantText !== undefined || tu.calls.length === 0)
              input.push({
                type: 'message',
                role: 'assistant',
                content: [{ type: 'output_text', text: tu.assistantText ?? 'ok', annotations: [] }],
              });
            for (const c of tu.calls)
              input.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: JSON.stringify(c.args) });
            for (const c of tu.calls) input.push({ type: 'function_call_output', call_id: c.id, output: c.result });
          });
          const req: Json = { model: r.model, input, store: false };
          if (r.instructions !== undefined) req.instructions = r.instructions;
          if (r.maxTokens !== undefined) req.max_output_tokens = r.maxTokens;
          if (r.temperature !== undefined) req.temperature = r.temperature;
          if (r.topP !== undefined) req.top_p = r.topP;
          if (r.stream !== undefined) req.stream = r.stream;
          if (r.safety !== undefined) req.safety_identifier = r.safety;
          if (r.effort !== undefined)
            req.reasoning = r.summary === undefined ? { effort: r.effort } : { effort: r.effort, summary: r.summary };
          if (tools.length > 0) {
            req.tools = tools;
            if (r.toolChoice !== undefined)
              req.tool_choice = r.toolChoice === 'named' ? { type: 'function', name: r.names[0] ?? '' } : r.toolChoice;
            if (r.parallel !== undefined) req.parallel_tool_calls = r.parallel;
          }
          if (r.metadata !== undefined) req.metadata = r.metadata;
          if (r.cacheKey !== undefined) req.prompt_cache_key = r.cacheKey;
          if (r.truncation !== undefined) req.truncation = r.truncation;
          return req as CreateResponseRequest;
        }),
    );
}
