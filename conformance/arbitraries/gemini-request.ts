import fc from 'fast-check';
import type {
  Content,
  FunctionCall,
  FunctionDeclaration,
  FunctionResponse,
  GenerateContentRequest,
  GenerationConfig,
  Part,
  Schema,
  ToolConfig,
} from '../../generated/gemini/types.gen.js';
import { toolInput, toolName, visibleText } from './text.js';

/** Which optional request features to generate. */
export interface GeminiRequestShape {
  /** `thinkingConfig` and thought parts / `thoughtSignature`s in model turns */
  thinking?: boolean;
  /** `inlineData` images (png/jpeg, base64) in user turns */
  images?: boolean;
  /** `functionCall.id` / `functionResponse.id` on some calls (as the Live API and some SDKs send them) */
  callIds?: boolean;
}

const signature = fc.base64String({ minLength: 8, maxLength: 40 });

const imagePart: fc.Arbitrary<Part> = fc
  .record({
    mimeType: fc.constantFrom('image/png', 'image/jpeg'),
    data: fc.base64String({ minLength: 4, maxLength: 40 }),
  })
  .map((inlineData): Part => ({ inlineData }));

const textPart: fc.Arbitrary<Part> = visibleText.map((t): Part => ({ text: t }));

/** A function declaration with parameters in Gemini's Schema subset (upper-case types; no empty OBJECT properties). */
const declaration = (name: string): fc.Arbitrary<FunctionDeclaration> =>
  fc
    .record({
      description: fc.option(visibleText, { nil: undefined }),
      props: fc.uniqueArray(
        fc.record({
          name: fc.stringMatching(/^[a-z]{1,8}$/),
          type: fc.constantFrom('STRING' as const, 'INTEGER' as const, 'NUMBER' as const, 'BOOLEAN' as const),
          description: fc.option(fc.stringMatching(/^[A-Za-z ]{1,12}$/), { nil: undefined }),
        }),
        { maxLength: 3, selector: (p) => p.name },
      ),
      requireFirst: fc.boolean(),
    })
    .map(({ description, props, requireFirst }) => {
      const d: FunctionDeclaration = { name };
      if (description !== undefined) d.description = description;
      if (props.length > 0) {
        const properties: Record<string, Schema> = {};
        for (const p of props)
          properties[p.name] =
            p.description === undefined ? { type: p.type } : { type: p.type, description: p.description };
        const parameters: Schema = { type: 'OBJECT', properties };
        if (requireFirst) parameters.required = [props[0]!.name];
        d.parameters = parameters;
      }
      return d;
    });

/** How a model turn carries its thinking: a thought run (signed on itself or, Gemini's way, on the part after it), or only a signature. */
type Thinking =
  | { kind: 'thought'; text: string; signature: string; on: 'thought' | 'next' }
  | { kind: 'signature-only'; signature: string };

interface Call {
  name: string;
  args: Record<string, unknown>;
  id: string | undefined;
  result: string;
  isError: boolean;
}

interface Turn {
  user: Part[];
  modelText: string | undefined;
  thinking: Thinking | undefined;
  calls: Call[];
}

const thinkingArb: fc.Arbitrary<Thinking> = fc.oneof(
  fc.record({
    kind: fc.constant('thought' as const),
    text: visibleText,
    signature,
    on: fc.constantFrom('thought' as const, 'next' as const),
  }),
  fc.record({ kind: fc.constant('signature-only' as const), signature }),
);

const turn = (shape: GeminiRequestShape, names: readonly string[], t: number): fc.Arbitrary<Turn> =>
  fc.record({
    user: fc.array(shape.images ? fc.oneof(textPart, imagePart) : textPart, { minLength: 1, maxLength: 3 }),
    modelText: fc.option(visibleText, { nil: undefined }),
    thinking: shape.thinking ? fc.option(thinkingArb, { nil: undefined }) : fc.constant(undefined),
    calls:
      names.length === 0
        ? fc.constant([])
        : fc
            .array(
              fc.record({
                name: fc.constantFrom(...names),
                args: toolInput,
                id: shape.callIds
                  ? fc.option(fc.stringMatching(/^[a-z0-9]{4,10}$/), { nil: undefined })
                  : fc.constant(undefined),
                result: visibleText,
                isError: fc.boolean(),
              }),
              { maxLength: 2 },
            )
            .map((cs) => cs.map((c, i) => (c.id === undefined ? c : { ...c, id: `call_${t}${i}_${c.id}` }))),
  });

/** The model content of a turn: thought parts first, then text, then function calls; a signature where Gemini puts it. */
function modelParts(tu: Turn): Part[] {
  const parts: Part[] = [];
  const th = tu.thinking;
  if (th?.kind === 'thought')
    parts.push(
      th.on === 'thought'
        ? { text: th.text, thought: true, thoughtSignature: th.signature }
        : { text: th.text, thought: true },
    );
  if (tu.modelText !== undefined) parts.push({ text: tu.modelText });
  for (const c of tu.calls) {
    const call: FunctionCall = { name: c.name, args: c.args };
    if (c.id !== undefined) call.id = c.id;
    parts.push({ functionCall: call });
  }
  if (parts.length === 0 || parts.every((p) => p.thought === true)) parts.push({ text: 'ok' });
  const sig = th?.kind === 'signature-only' || (th?.kind === 'thought' && th.on === 'next') ? th.signature : undefined;
  if (sig !== undefined) {
    // Gemini signs the first functionCall after the thought, else the last text part
    const target = parts.find((p) => p.functionCall !== undefined) ?? parts.filter((p) => p.thought !== true).at(-1);
    if (target) target.thoughtSignature = sig;
  }
  return parts;
}

function responsePart(c: Call): Part {
  const r: FunctionResponse = { name: c.name, response: c.isError ? { error: c.result } : { output: c.result } };
  if (c.id !== undefined) r.id = c.id;
  return { functionResponse: r };
}

/**
 * A Gemini `generateContent` body valid by construction, as real clients send it: `user` and `model` contents
 * alternating (starting and ending with `user`), every `functionCall` answered one for one, by name (and id when the
 * call has one), in the next user content, function responses first; declared functions only; a thinking budget
 * from 1024 below `maxOutputTokens`; at most 5 stop sequences; no whitespace-only text.
 */
export function geminiRequest(shape: GeminiRequestShape = {}): fc.Arbitrary<GenerateContentRequest> {
  return fc
    .record({
      names: fc.uniqueArray(toolName, { maxLength: 3 }),
      system: fc.option(fc.array(visibleText, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      maxTokens: fc.option(fc.integer({ min: 1, max: 8192 }), { nil: undefined }),
      stop: fc.option(fc.uniqueArray(fc.stringMatching(/^[A-Za-z#]{1,6}$/), { minLength: 1, maxLength: 5 }), {
        nil: undefined,
      }),
      temperature: fc.option(fc.constantFrom(0, 0.3, 0.7, 1), { nil: undefined }),
      topP: fc.option(fc.constantFrom(0.1, 0.9, 0.95, 1), { nil: undefined }),
      thinking: shape.thinking
        ? fc.option(
            fc.oneof(
              fc.record({
                budget: fc.integer({ min: 1024, max: 4096 }),
                include: fc.option(fc.boolean(), { nil: undefined }),
              }),
              fc.constant({ budget: undefined, include: true as const }),
            ),
            { nil: undefined },
          )
        : fc.constant(undefined),
      mode: fc.option(fc.constantFrom('AUTO' as const, 'ANY' as const, 'NONE' as const, 'ONE' as const), {
        nil: undefined,
      }),
      turnCount: fc.integer({ min: 1, max: 3 }),
    })
    .chain((r) =>
      fc
        .tuple(
          fc.tuple(...Array.from({ length: r.turnCount }, (_, t) => turn(shape, r.names, t))),
          r.names.length === 0 ? fc.constant([]) : fc.tuple(...r.names.map((n) => declaration(n))),
        )
        .map(([turns, decls]) => {
          const contents: Content[] = [];
          let pending: Call[] = [];
          turns.forEach((tu, t) => {
            contents.push({ role: 'user', parts: [...pending.map(responsePart), ...tu.user] });
            pending = [];
            if (t === turns.length - 1) return; // the request ends with a user turn
            contents.push({ role: 'model', parts: modelParts(tu) });
            pending = tu.calls;
          });
          const req: GenerateContentRequest = { contents };
          if (r.system !== undefined) req.systemInstruction = { parts: r.system.map((s) => ({ text: s })) };
          if (decls.length > 0) req.tools = [{ functionDeclarations: [...decls] }];
          if (r.mode !== undefined && r.names.length > 0) {
            const tc: ToolConfig =
              r.mode === 'ONE'
                ? { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [r.names[0]!] } }
                : { functionCallingConfig: { mode: r.mode } };
            req.toolConfig = tc;
          }
          const gc: GenerationConfig = {};
          if (r.maxTokens !== undefined) gc.maxOutputTokens = r.maxTokens;
          if (r.stop !== undefined) gc.stopSequences = r.stop;
          if (r.temperature !== undefined) gc.temperature = r.temperature;
          if (r.topP !== undefined) gc.topP = r.topP;
          if (r.thinking !== undefined) {
            const { budget, include } = r.thinking;
            gc.thinkingConfig =
              budget === undefined
                ? { includeThoughts: true }
                : include === undefined
                  ? { thinkingBudget: budget }
                  : { thinkingBudget: budget, includeThoughts: include };
            // the budget counts inside maxOutputTokens: leave room above it
            if (budget !== undefined) gc.maxOutputTokens = Math.max(r.maxTokens ?? 0, budget + 1);
          }
          if (Object.keys(gc).length > 0) req.generationConfig = gc;
          return req;
        }),
    );
}

/** Free-form data in a Gemini request: its keys are not field names. */
const DATA_FIELDS = new Set(['args', 'response', 'parametersJsonSchema', 'responseJsonSchema', 'default', 'example']);

/**
 * The same request with every field name in snake_case (`system_instruction`, `inline_data.mime_type`, …), as
 * Google's REST examples write it: the Gemini API reads JSON with the proto3 mapping, which accepts both spellings.
 * Data keeps its keys (`functionCall.args`, `functionResponse.response`, a Schema's `properties` names).
 */
export function snakeCaseGeminiFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseGeminiFields);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (DATA_FIELDS.has(key)) out[name] = v;
    else if (key === 'properties' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      out[name] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, snakeCaseGeminiFields(s)]));
    } else out[name] = snakeCaseGeminiFields(v);
  }
  return out;
}
