/**
 * Compile-time conformance of `spec/openai-responses.yaml` (through the generated types in
 * `generated/openai-responses/types.gen.ts`) with the official `openai` SDK 6.x Responses types.
 *
 * For the request, the response object, the stream events, the items, the tools and the input-tokens endpoint:
 *  - every value the SDK can type is assignable to ours, except the three SDK shapes the API itself rejects or the
 *    SDK leaves untyped (narrowed below, each pinned by its own assertion);
 *  - every value of ours is assignable to the SDK type, except where our spec accepts what the API accepts and the
 *    SDK does not type: the set of union members that differ is pinned exactly, and each difference is shown to be
 *    the only one by repairing it and assigning again;
 *  - the key sets agree, apart from fields of the OpenAI spec 2.3.0 that SDK 6.49 lacks (listed by name).
 * docs/spec-and-validation.md explains each difference.
 */
import type { InputTokenCountParams, InputTokenCountResponse } from 'openai/resources/responses/input-tokens';
import type * as Sdk from 'openai/resources/responses/responses';
import { describe, expectTypeOf, test } from 'vitest';
import type * as Ours from '../../generated/openai-responses/types.gen.js';

// ------------------------------------------------------------------ SDK shapes our spec does not take
/** `U` without the member that is `X` itself (`Exclude` would also drop members merely assignable to `X`). */
type Without<U, X> = U extends unknown ? ([U] extends [X] ? ([X] extends [U] ? never : U) : U) : never;
/** SDK `EasyInputMessage` allows `role: 'assistant'` with `input_*` parts; the API rejects them (400). */
type SdkEasyInputMessage =
  | (Omit<Sdk.EasyInputMessage, 'role'> & { role: 'user' | 'system' | 'developer' })
  | (Omit<Sdk.EasyInputMessage, 'role' | 'content'> & { role: 'assistant'; content: string });
type SdkInputItem = Without<Sdk.ResponseInputItem, Sdk.EasyInputMessage> | SdkEasyInputMessage;
/** SDK 6.49 `ToolChoiceTypes` also lists `mcp`; spec 2.3.0 does not (an MCP choice is `ToolChoiceMcp`, with `server_label`). */
type SdkToolChoice =
  | Without<NonNullable<Sdk.ResponseCreateParamsBase['tool_choice']>, Sdk.ToolChoiceTypes>
  | { type: Exclude<Sdk.ToolChoiceTypes['type'], 'mcp'> };
type SdkRequest<R> = Omit<R, 'input' | 'tool_choice'> & {
  input?: string | SdkInputItem[];
  tool_choice?: SdkToolChoice;
};
type SdkResponse = Omit<Sdk.Response, 'instructions' | 'tool_choice'> & {
  instructions: string | SdkInputItem[] | null;
  tool_choice: SdkToolChoice;
};
/** The SDK types `annotation` of `response.output_text.annotation.added` as `unknown`; the spec as an annotation or null. */
type SdkStreamEvent = Sdk.ResponseStreamEvent extends infer E
  ? E extends { response: Sdk.Response }
    ? Omit<E, 'response'> & { response: SdkResponse }
    : E extends Sdk.ResponseOutputTextAnnotationAddedEvent
      ? Omit<E, 'annotation'> & { annotation: Ours.Annotation | null }
      : E
  : never;

// ------------------------------------------------------------------ helpers
type Member<U, T> = Extract<U, { type: T }>;
type TypeOf<U> = U extends { type: infer T extends string } ? T : never;
/** The `type` values whose member of ours is not assignable to the SDK member of the same `type`. */
type Disagreeing<OurUnion, SdkUnion> = {
  [T in TypeOf<OurUnion>]: [Member<OurUnion, T>] extends [Member<SdkUnion, T>] ? never : T;
}[TypeOf<OurUnion>];
/** `T` with the properties `K` present and not null: how the API sends what our spec lets a client leave out. */
type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

/** Fields of the OpenAI spec 2.3.0 that SDK 6.49 lacks. */
type SpecOnlyRequestFields = 'max_tool_calls';
/** Stream events of the OpenAI spec 2.3.0 that SDK 6.49 lacks. */
type ShellEvents =
  | 'response.shell_call_command.added'
  | 'response.shell_call_command.delta'
  | 'response.shell_call_command.done'
  | 'response.shell_call_output_content.delta'
  | 'response.shell_call_output_content.done';

describe('SDK values are values of ours', () => {
  test('requests (non-streaming and streaming), with the input item narrowing and the tool choice narrowing', () => {
    expectTypeOf<SdkRequest<Sdk.ResponseCreateParamsNonStreaming>>().toExtend<Ours.CreateResponseRequest>();
    expectTypeOf<SdkRequest<Sdk.ResponseCreateParamsStreaming>>().toExtend<Ours.CreateResponseRequest>();
    expectTypeOf<SdkInputItem>().toExtend<Ours.InputItem>();
    expectTypeOf<Sdk.Tool>().toExtend<Ours.Tool>();
    expectTypeOf<SdkToolChoice>().toExtend<Ours.ToolChoiceParam>();
  });

  test('the response object, every output item and every stream event', () => {
    expectTypeOf<SdkResponse>().toExtend<Ours.ResponseObject>();
    expectTypeOf<Sdk.ResponseOutputItem>().toExtend<Ours.OutputItem>();
    expectTypeOf<Sdk.ResponseUsage>().toExtend<Ours.ResponseUsage>();
    expectTypeOf<SdkStreamEvent>().toExtend<Ours.ResponseStreamEvent>();
  });

  test('the input-tokens endpoint', () => {
    type SdkCount = Omit<InputTokenCountParams, 'input' | 'tool_choice'> & {
      input?: string | SdkInputItem[] | null;
      tool_choice?: SdkToolChoice | null;
    };
    expectTypeOf<SdkCount>().toExtend<Ours.InputTokensRequest>();
    expectTypeOf<InputTokenCountResponse>().toEqualTypeOf<Ours.InputTokensResponse>();
  });

  test('the three narrowings are real: each SDK shape is rejected by ours', () => {
    // an assistant history message with input_text parts (the API answers 400 "Supported values are: 'output_text' and 'refusal'")
    expectTypeOf<{
      role: 'assistant';
      content: Sdk.ResponseInputMessageContentList;
    }>().toExtend<Sdk.EasyInputMessage>();
    expectTypeOf<{ role: 'assistant'; content: Sdk.ResponseInputMessageContentList }>().not.toExtend<Ours.InputItem>();
    // ... while output_text parts without id, status or annotations are history of ours (what Codex CLI sends)
    expectTypeOf<{ role: 'assistant'; content: { type: 'output_text'; text: string }[] }>().toExtend<Ours.InputItem>();
    expectTypeOf<{ type: 'mcp' }>().toExtend<Sdk.ToolChoiceTypes>();
    expectTypeOf<{ type: 'mcp' }>().not.toExtend<Ours.ToolChoiceParam>();
    expectTypeOf<Sdk.ResponseOutputTextAnnotationAddedEvent['annotation']>().toBeUnknown();
  });
});

describe('values of ours are SDK values, apart from the pinned differences', () => {
  test('tool choice, text format, reasoning and prompt agree in both directions', () => {
    expectTypeOf<Ours.ToolChoiceParam>().toExtend<SdkToolChoice>();
    expectTypeOf<NonNullable<Ours.CreateResponseRequest['text']>>().toExtend<Sdk.ResponseTextConfig>();
    expectTypeOf<Sdk.ResponseTextConfig>().toExtend<Ours.ResponseTextParam>();
    expectTypeOf<Ours.Reasoning>().toExtend<NonNullable<Sdk.ResponseCreateParamsBase['reasoning']>>();
    // prompt variables differ only through input_image `detail` (below)
    expectTypeOf<Omit<NonNullable<Ours.Prompt>, 'variables'>>().toExtend<Omit<Sdk.ResponsePrompt, 'variables'>>();
  });

  test('tools: only `function` differs, by `parameters` and `strict`, which the API does not require', () => {
    expectTypeOf<Disagreeing<Ours.Tool, Sdk.Tool>>().toEqualTypeOf<'function'>();
    expectTypeOf<Ours.FunctionTool>().not.toExtend<Sdk.FunctionTool>();
    expectTypeOf<
      Omit<Ours.FunctionTool, 'parameters' | 'strict'> & Pick<Sdk.FunctionTool, 'parameters' | 'strict'>
    >().toExtend<Sdk.FunctionTool>();
    expectTypeOf<Exclude<Ours.Tool, Member<Ours.Tool, 'function'>>>().toExtend<Sdk.Tool>();
  });

  test('message content parts: only input_image differs, by `detail`, which the API does not require', () => {
    expectTypeOf<Ours.InputTextContent>().toExtend<Sdk.ResponseInputText>();
    expectTypeOf<Ours.InputFileContent>().toExtend<Sdk.ResponseInputFile>();
    expectTypeOf<Ours.InputImageContent>().not.toExtend<Sdk.ResponseInputImage>();
    expectTypeOf<Present<Ours.InputImageContent, 'detail'>>().toExtend<Sdk.ResponseInputImage>();
    expectTypeOf<Ours.FunctionCallOutputContentParam>().toExtend<Sdk.ResponseFunctionCallOutputItem>();
    expectTypeOf<Sdk.ResponseFunctionCallOutputItem>().toExtend<Ours.FunctionCallOutputContentParam>();
  });

  test('output items: five differ, each for a reason pinned here', () => {
    type Out = Ours.OutputItem;
    type SdkOut = Sdk.ResponseOutputItem;
    expectTypeOf<Disagreeing<Out, SdkOut>>().toEqualTypeOf<
      'function_call_output' | 'custom_tool_call_output' | 'mcp_call' | 'tool_search_output' | 'additional_tools'
    >();
    // function_call_output: spec 2.3.0 does not require call_id, SDK 6.49 does; and its parts may be an input_image without detail
    type Fco = Ours.FunctionCallOutputItem;
    expectTypeOf<Present<Omit<Fco, 'output'>, 'call_id'>>().toExtend<
      Omit<Sdk.ResponseFunctionToolCallOutputItem, 'output'>
    >();
    // custom_tool_call_output: only the parts (input_image detail)
    expectTypeOf<Omit<Ours.CustomToolCallOutputItem, 'output'>>().toExtend<
      Omit<Sdk.ResponseCustomToolCallOutputItem, 'output'>
    >();
    expectTypeOf<Ours.ToolCallOutput>().not.toExtend<Sdk.ResponseCustomToolCallOutputItem['output']>();
    // mcp_call: the error is a string for the SDK, a string or a structured error for spec 2.3.0
    expectTypeOf<Omit<Ours.McpCallItem, 'error'> & { error?: string | null }>().toExtend<Member<SdkOut, 'mcp_call'>>();
    expectTypeOf<Ours.McpToolCallError>().not.toExtend<Member<SdkOut, 'mcp_call'>['error']>();
    // tool_search_output, additional_tools: only through `tools` (the function tool above)
    expectTypeOf<Omit<Ours.ToolSearchOutputItem, 'tools'>>().toExtend<
      Omit<Sdk.ResponseToolSearchOutputItem, 'tools'>
    >();
    expectTypeOf<Omit<Ours.AdditionalToolsItem, 'tools'>>().toExtend<
      Omit<Member<SdkOut, 'additional_tools'>, 'tools'>
    >();
  });

  test('input items: history may leave out what the API fills in (ids, statuses), as clients without storage send it', () => {
    expectTypeOf<Disagreeing<Ours.TypedInputItem, Sdk.ResponseInputItem>>().toEqualTypeOf<
      | 'function_call_output'
      | 'custom_tool_call_output'
      | 'reasoning'
      | 'file_search_call'
      | 'web_search_call'
      | 'computer_call'
      | 'image_generation_call'
      | 'code_interpreter_call'
      | 'local_shell_call'
      | 'mcp_list_tools'
      | 'mcp_approval_request'
      | 'mcp_call'
      | 'tool_search_output'
      | 'additional_tools'
    >();
    type In = Sdk.ResponseInputItem;
    // `content: null` is accepted as the API does (Codex CLI sends it; docs/spec-and-validation.md): compared without it
    expectTypeOf<Present<Ours.ReasoningItemParam, 'id' | 'content'>>().toExtend<Member<In, 'reasoning'>>();
    expectTypeOf<Present<Ours.FileSearchCallItemParam, 'id' | 'status'>>().toExtend<Member<In, 'file_search_call'>>();
    expectTypeOf<Present<Ours.WebSearchCallItemParam, 'id' | 'status'>>().toExtend<Member<In, 'web_search_call'>>();
    expectTypeOf<Present<Ours.ComputerCallItemParam, 'id' | 'status' | 'pending_safety_checks'>>().toExtend<
      Member<In, 'computer_call'>
    >();
    expectTypeOf<Present<Ours.ImageGenerationCallItemParam, 'id' | 'status'>>().toExtend<
      Member<In, 'image_generation_call'>
    >();
    expectTypeOf<Present<Ours.CodeInterpreterCallItemParam, 'id' | 'status'>>().toExtend<
      Member<In, 'code_interpreter_call'>
    >();
    expectTypeOf<Present<Ours.LocalShellCallItemParam, 'id' | 'status'>>().toExtend<Member<In, 'local_shell_call'>>();
    expectTypeOf<Present<Ours.McpListToolsItemParam, 'id'>>().toExtend<Member<In, 'mcp_list_tools'>>();
    expectTypeOf<Present<Ours.McpApprovalRequestItemParam, 'id'>>().toExtend<Member<In, 'mcp_approval_request'>>();
    expectTypeOf<Present<Omit<Ours.McpCallItemParam, 'error'> & { error?: string | null }, 'id'>>().toExtend<
      Member<In, 'mcp_call'>
    >();
    expectTypeOf<Present<Ours.FunctionCallOutputItemParam, 'call_id'>>().toExtend<Member<In, 'function_call_output'>>();
    expectTypeOf<Omit<Ours.CustomToolCallOutputItemParam, 'output'>>().toExtend<
      Omit<Member<In, 'custom_tool_call_output'>, 'output'>
    >();
    expectTypeOf<Omit<Ours.ToolSearchOutputItemParam, 'tools'>>().toExtend<
      Omit<Member<In, 'tool_search_output'>, 'tools'>
    >();
    expectTypeOf<Omit<Ours.AdditionalToolsItemParam, 'tools'>>().toExtend<
      Omit<Member<In, 'additional_tools'>, 'tools'>
    >();
    // the output form of each of them is valid history
    expectTypeOf<Ours.ReasoningItem>().toExtend<Ours.ReasoningItemParam>();
    expectTypeOf<Ours.McpCallItem>().toExtend<Ours.McpCallItemParam>();
    expectTypeOf<Ours.OutputMessage>().toExtend<Ours.InputItem>();
  });

  test('messages: user, system and developer agree with the SDK; assistant history is output_text / refusal', () => {
    type Msg = Extract<Ours.InputMessageItem, { role: 'user' | 'system' | 'developer' }>;
    type Parts = Extract<Msg['content'], unknown[]>[number];
    expectTypeOf<
      Exclude<Parts, Ours.InputImageContent> | Present<Ours.InputImageContent, 'detail'>
    >().toExtend<Sdk.ResponseInputContent>();
    expectTypeOf<Omit<Ours.AssistantInputMessage, 'content'> & { content: string }>().toExtend<Sdk.EasyInputMessage>();
    expectTypeOf<Present<Ours.OutputTextContentParam, 'annotations'>>().toExtend<Sdk.ResponseOutputText>();
  });

  test('stream events: the differences come from the response object, the items, the error event and two done events', () => {
    expectTypeOf<Disagreeing<Ours.ResponseStreamEvent, Sdk.ResponseStreamEvent>>().toEqualTypeOf<
      | 'response.created'
      | 'response.queued'
      | 'response.in_progress'
      | 'response.completed'
      | 'response.incomplete'
      | 'response.failed'
      | 'response.output_item.added'
      | 'response.output_item.done'
      | 'response.function_call_arguments.done'
      | 'error'
      | ShellEvents
    >();
    // the hosted shell progress events of spec 2.3.0 are not in SDK 6.49's ResponseStreamEvent at all
    expectTypeOf<Member<Sdk.ResponseStreamEvent, ShellEvents>>().toBeNever();
    expectTypeOf<Member<Ours.ResponseStreamEvent, ShellEvents>>().not.toBeNever();
    // lifecycle events: only through the response object (below); output_item events: only through the items (above)
    type Lifecycle = Member<Ours.ResponseStreamEvent, 'response.completed'>;
    expectTypeOf<Omit<Lifecycle, 'response'>>().toExtend<Omit<Sdk.ResponseCompletedEvent, 'response'>>();
    expectTypeOf<Omit<Ours.ResponseOutputItemDoneEvent, 'item'>>().toExtend<
      Omit<Sdk.ResponseOutputItemDoneEvent, 'item'>
    >();
    // name: never sent by the API on function_call_arguments.done (OpenAI dropped it from the spec later)
    expectTypeOf<
      Present<Ours.ResponseFunctionCallArgumentsDoneEvent, 'name'>
    >().toExtend<Sdk.ResponseFunctionCallArgumentsDoneEvent>();
    // error: the API also nests code/message/param under `error`, so the top-level ones are optional
    expectTypeOf<
      Present<Omit<Ours.ResponseErrorEvent, 'error'>, 'message'> & Pick<Sdk.ResponseErrorEvent, 'code' | 'param'>
    >().toExtend<Sdk.ResponseErrorEvent>();
    expectTypeOf<Sdk.ResponseErrorEvent>().toExtend<Ours.ResponseErrorEvent>();
  });

  test('the response object: output_text is added by the SDK on the client; user and usage may be null', () => {
    // output, tools, instructions, prompt: through the items, the function tool and input_image `detail` (above)
    type Elsewhere = 'output' | 'tools' | 'instructions' | 'prompt' | 'usage' | 'service_tier';
    type Repaired = Omit<Ours.ResponseObject, Elsewhere | 'output_text' | 'user' | SpecOnlyRequestFields> & {
      output_text: string;
      user?: string;
    };
    expectTypeOf<Repaired>().toExtend<Omit<Sdk.Response, Elsewhere>>();
    expectTypeOf<Ours.ResponseObject['output_text']>().toEqualTypeOf<string | null | undefined>();
    // the API sends `"user": null` and, until the response completes, `"usage": null`
    expectTypeOf<null>().toExtend<Ours.ResponseObject['user']>();
    expectTypeOf<null>().not.toExtend<Sdk.Response['user']>();
    expectTypeOf<null>().toExtend<Ours.ResponseObject['usage']>();
    expectTypeOf<null>().not.toExtend<Sdk.Response['usage']>();
    type Details = Ours.ResponseUsage['input_tokens_details'];
    expectTypeOf<Present<Details, 'cache_write_tokens'>>().toExtend<Sdk.ResponseUsage.InputTokensDetails>();
    expectTypeOf<Omit<Ours.ResponseUsage, 'input_tokens_details'>>().toExtend<
      Omit<Sdk.ResponseUsage, 'input_tokens_details'>
    >();
  });
});

describe('key sets and enums', () => {
  test('request and response: every SDK field is modeled; ours add only max_tool_calls (spec 2.3.0)', () => {
    expectTypeOf<Exclude<keyof Sdk.ResponseCreateParamsBase, keyof Ours.CreateResponseRequest>>().toBeNever();
    expectTypeOf<
      Exclude<keyof Ours.CreateResponseRequest, keyof Sdk.ResponseCreateParamsBase>
    >().toEqualTypeOf<SpecOnlyRequestFields>();
    expectTypeOf<Exclude<keyof Sdk.Response, keyof Ours.ResponseObject>>().toBeNever();
    expectTypeOf<Exclude<keyof Ours.ResponseObject, keyof Sdk.Response>>().toEqualTypeOf<SpecOnlyRequestFields>();
    expectTypeOf<Exclude<keyof InputTokenCountParams, keyof Ours.InputTokensRequest>>().toBeNever();
    expectTypeOf<Exclude<keyof Ours.InputTokensRequest, keyof InputTokenCountParams>>().toBeNever();
  });

  test('service_tier: spec 2.3.0 adds fast and ultrafast to the SDK tiers', () => {
    type SdkTier = Sdk.ResponseCreateParamsBase['service_tier'];
    expectTypeOf<Exclude<Ours.ServiceTier, 'fast' | 'ultrafast'>>().toExtend<SdkTier>();
    expectTypeOf<'fast'>().not.toExtend<SdkTier>();
    expectTypeOf<'ultrafast'>().not.toExtend<SdkTier>();
    expectTypeOf<NonNullable<SdkTier>>().toExtend<Ours.ServiceTier>();
  });

  test('fields of spec 2.3.0 the SDK lacks: web_search external_web_access, partial_image settings, the nested error', () => {
    expectTypeOf<Exclude<keyof Ours.WebSearchTool, keyof Sdk.WebSearchTool>>().toEqualTypeOf<'external_web_access'>();
    expectTypeOf<Exclude<keyof Sdk.WebSearchTool, keyof Ours.WebSearchTool>>().toBeNever();
    expectTypeOf<
      Exclude<keyof Ours.ResponseImageGenCallPartialImageEvent, keyof Sdk.ResponseImageGenCallPartialImageEvent>
    >().toEqualTypeOf<'size' | 'quality' | 'background' | 'output_format'>();
    expectTypeOf<Exclude<keyof Ours.ResponseErrorEvent, keyof Sdk.ResponseErrorEvent>>().toEqualTypeOf<'error'>();
  });

  test('a concrete SDK-typed request is accepted as is', () => {
    const request = {
      model: 'gpt-5',
      stream: true,
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in this image?' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
            { type: 'input_file', file_id: 'file-1' },
          ],
        },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'Looked.' }],
          encrypted_content: 'gAAA',
        },
        { type: 'function_call', call_id: 'call_1', name: 'look', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'a cat' },
        { type: 'item_reference', id: 'msg_0' },
      ],
      tools: [
        { type: 'function', name: 'look', parameters: { type: 'object' }, strict: true },
        { type: 'custom', name: 'sql', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
        { type: 'web_search', search_context_size: 'low' },
      ],
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'look' }] },
      text: { format: { type: 'json_schema', name: 'out', schema: {}, strict: true }, verbosity: 'low' },
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      max_output_tokens: 1024,
    } satisfies Sdk.ResponseCreateParamsStreaming;
    const ours: Ours.CreateResponseRequest = request;
    expectTypeOf(ours).toEqualTypeOf<Ours.CreateResponseRequest>();
  });
});
