/**
 * Compile-time conformance of `spec/anthropic-messages.yaml` (through `generated/anthropic-messages/types.gen.ts`)
 * with the official `@anthropic-ai/sdk` 1.x types.
 *
 *  - SDK → ours: every request, response and stream event the SDK can type is assignable to our type (we accept
 *    everything the SDK sends or receives), after the normalizations below.
 *  - ours → SDK: for every field we model, a value of our type is assignable to the SDK type. Our spec is lenient on
 *    presence (fields `2023-06-01` or proxies leave out are optional for us, required-nullable in the SDK), so this
 *    direction is checked on `Present<Ours.X>`, our type with every property present.
 *
 * Normalizations, each explained in docs/spec-and-validation.md:
 *  - `input` of `tool_use` / `server_tool_use`: the SDK types it `unknown`, the wire (and our spec) says a JSON object.
 *  - `user_profile_id` / `workspace_id`: SDK parameters sent as headers, not body fields.
 *  - Fields we do not model in detail (browser/computer toolset `configs`, browser state `tabs`/`state_changes`,
 *    `web_fetch` `url_sources`, `diagnostics.cache_miss_reason`) are `unknown` for us: SDK → ours holds, ours → SDK
 *    is checked without them.
 */
import type * as SDK from '@anthropic-ai/sdk/resources/messages/messages';
import type * as Shared from '@anthropic-ai/sdk/resources/shared';
import { describe, expectTypeOf, test } from 'vitest';
import type * as Ours from '../../generated/anthropic-messages/types.gen.js';

type JsonObject = { [key: string]: unknown };

/** Replaces an SDK `input: unknown` by the JSON object the wire carries. */
type WithObjectInput<T> = T extends { input: unknown } ? Omit<T, 'input'> & { input: JsonObject } : T;

type SdkBlockParam = WithObjectInput<SDK.ContentBlockParam>;
type SdkMessageParam =
  | SDK.SystemMessageParam
  | { role: 'user'; content: string | SdkBlockParam[] }
  | { role: 'assistant'; content: string | SdkBlockParam[] };
type SdkCreate<P extends SDK.MessageCreateParamsBase> = Omit<P, 'messages' | 'user_profile_id' | 'workspace_id'> & {
  messages: SdkMessageParam[];
};
type SdkCountTokens = Omit<SDK.MessageCountTokensParams, 'messages' | 'user_profile_id' | 'workspace_id'> & {
  messages: SdkMessageParam[];
};
type SdkContentBlock = WithObjectInput<SDK.ContentBlock>;
type SdkMessage = Omit<SDK.Message, 'content'> & { content: SdkContentBlock[] };
type SdkStreamEvent =
  | Exclude<SDK.RawMessageStreamEvent, SDK.RawMessageStartEvent | SDK.RawContentBlockStartEvent>
  | { type: 'message_start'; message: SdkMessage }
  | (Omit<SDK.RawContentBlockStartEvent, 'content_block'> & { content_block: SdkContentBlock });

/** Our type with every (nested) property present: what a full, current response carries. */
type Present<T> = T extends readonly (infer E)[]
  ? Present<E>[]
  : T extends object
    ? { [K in keyof T]-?: Present<Exclude<T[K], undefined>> }
    : T;

describe('SDK → ours: we accept everything the SDK sends or receives', () => {
  test('request bodies', () => {
    expectTypeOf<SdkCreate<SDK.MessageCreateParamsNonStreaming>>().toExtend<Ours.MessageCreateParams>();
    expectTypeOf<SdkCreate<SDK.MessageCreateParamsStreaming>>().toExtend<Ours.MessageCreateParams>();
    expectTypeOf<SdkCountTokens>().toExtend<Ours.MessageCountTokensParams>();
    expectTypeOf<SdkMessageParam>().toExtend<Ours.MessageParam>();
    expectTypeOf<SdkBlockParam>().toExtend<Ours.ContentBlockParam>();
  });

  test('request parts', () => {
    expectTypeOf<SDK.TextBlockParam>().toExtend<Ours.TextBlockParam>();
    expectTypeOf<SDK.ImageBlockParam>().toExtend<Ours.ImageBlockParam>();
    expectTypeOf<SDK.DocumentBlockParam>().toExtend<Ours.DocumentBlockParam>();
    expectTypeOf<SDK.SearchResultBlockParam>().toExtend<Ours.SearchResultBlockParam>();
    expectTypeOf<SDK.ToolResultBlockParam>().toExtend<Ours.ToolResultBlockParam>();
    expectTypeOf<SDK.WebSearchToolResultBlockParam>().toExtend<Ours.WebSearchToolResultBlockParam>();
    expectTypeOf<SDK.WebFetchToolResultBlockParam>().toExtend<Ours.WebFetchToolResultBlockParam>();
    expectTypeOf<SDK.CodeExecutionToolResultBlockParam>().toExtend<Ours.CodeExecutionToolResultBlockParam>();
    expectTypeOf<SDK.BashCodeExecutionToolResultBlockParam>().toExtend<Ours.BashCodeExecutionToolResultBlockParam>();
    expectTypeOf<SDK.TextEditorCodeExecutionToolResultBlockParam>().toExtend<Ours.TextEditorCodeExecutionToolResultBlockParam>();
    expectTypeOf<SDK.ToolSearchToolResultBlockParam>().toExtend<Ours.ToolSearchToolResultBlockParam>();
    expectTypeOf<SDK.ContainerUploadBlockParam>().toExtend<Ours.ContainerUploadBlockParam>();
    expectTypeOf<SDK.TextCitationParam>().toExtend<Ours.TextCitationParam>();
    expectTypeOf<SDK.ToolUnion>().toExtend<Ours.ToolUnion>();
    expectTypeOf<SDK.ToolChoice>().toExtend<Ours.ToolChoice>();
    expectTypeOf<SDK.ThinkingConfigParam>().toExtend<Ours.ThinkingConfigParam>();
    expectTypeOf<SDK.Metadata>().toExtend<Ours.Metadata>();
    expectTypeOf<SDK.OutputConfig>().toExtend<Ours.OutputConfig>();
    expectTypeOf<SDK.CacheControlEphemeral>().toExtend<Ours.CacheControlEphemeral>();
  });

  test('responses, stream events and errors', () => {
    expectTypeOf<SdkMessage>().toExtend<Ours.Message>();
    expectTypeOf<SdkContentBlock>().toExtend<Ours.ContentBlock>();
    expectTypeOf<SdkStreamEvent>().toExtend<Ours.MessageStreamEvent>();
    expectTypeOf<SDK.RawContentBlockDelta>().toExtend<Ours.RawContentBlockDelta>();
    expectTypeOf<SDK.TextCitation>().toExtend<Ours.TextCitation>();
    expectTypeOf<SDK.Usage>().toExtend<Ours.Usage>();
    expectTypeOf<SDK.MessageDeltaUsage>().toExtend<Ours.MessageDeltaUsage>();
    expectTypeOf<SDK.StopReason>().toExtend<Ours.StopReason>();
    expectTypeOf<SDK.MessageTokensCount>().toExtend<Ours.MessageTokensCount>();
    expectTypeOf<Shared.ErrorResponse>().toExtend<Ours.ErrorResponse>();
    expectTypeOf<Shared.ErrorType>().toExtend<Ours.ErrorType>();
  });
});

describe('ours → SDK: what we model, the SDK accepts', () => {
  test('request blocks', () => {
    expectTypeOf<Ours.TextBlockParam>().toExtend<SDK.TextBlockParam>();
    expectTypeOf<Ours.ImageBlockParam>().toExtend<SDK.ImageBlockParam>();
    expectTypeOf<Ours.DocumentBlockParam>().toExtend<SDK.DocumentBlockParam>();
    expectTypeOf<Ours.SearchResultBlockParam>().toExtend<SDK.SearchResultBlockParam>();
    expectTypeOf<Ours.ThinkingBlockParam>().toExtend<SDK.ThinkingBlockParam>();
    expectTypeOf<Ours.RedactedThinkingBlockParam>().toExtend<SDK.RedactedThinkingBlockParam>();
    expectTypeOf<Ours.ToolUseBlockParam>().toExtend<SDK.ToolUseBlockParam>();
    expectTypeOf<Ours.ServerToolUseBlockParam>().toExtend<SDK.ServerToolUseBlockParam>();
    expectTypeOf<Ours.WebSearchToolResultBlockParam>().toExtend<SDK.WebSearchToolResultBlockParam>();
    expectTypeOf<Ours.WebFetchToolResultBlockParam>().toExtend<SDK.WebFetchToolResultBlockParam>();
    expectTypeOf<Ours.CodeExecutionToolResultBlockParam>().toExtend<SDK.CodeExecutionToolResultBlockParam>();
    expectTypeOf<Ours.BashCodeExecutionToolResultBlockParam>().toExtend<SDK.BashCodeExecutionToolResultBlockParam>();
    expectTypeOf<Ours.TextEditorCodeExecutionToolResultBlockParam>().toExtend<SDK.TextEditorCodeExecutionToolResultBlockParam>();
    expectTypeOf<Ours.ToolSearchToolResultBlockParam>().toExtend<SDK.ToolSearchToolResultBlockParam>();
    expectTypeOf<Ours.ContainerUploadBlockParam>().toExtend<SDK.ContainerUploadBlockParam>();
    expectTypeOf<Ours.TextCitationParam>().toExtend<SDK.TextCitationParam>();
    // tool_result content without the browser_state block (its tabs are not modelled).
    type OurToolResult = Omit<Ours.ToolResultBlockParam, 'content'> & {
      content?: string | Exclude<Ours.ToolResultContentBlockParam, { type: 'browser_state' }>[];
    };
    expectTypeOf<OurToolResult>().toExtend<SDK.ToolResultBlockParam>();
  });

  test('request fields', () => {
    type OurCreate = Omit<Ours.MessageCreateParams, 'messages' | 'tools' | 'temperature' | 'top_p' | 'top_k'>;
    expectTypeOf<OurCreate>().toExtend<Omit<SDK.MessageCreateParamsBase, 'messages' | 'tools'>>();
    expectTypeOf<Ours.ToolChoice>().toExtend<SDK.ToolChoice>();
    expectTypeOf<Ours.ThinkingConfigParam>().toExtend<SDK.ThinkingConfigParam>();
    expectTypeOf<Ours.Metadata>().toExtend<SDK.Metadata>();
    expectTypeOf<Ours.OutputConfig>().toExtend<SDK.OutputConfig>();
    expectTypeOf<Ours.Tool>().toExtend<SDK.Tool>();
    type OurTools = Exclude<
      Ours.ToolUnion,
      Ours.WebFetchTool | Ours.BrowserToolset20260801 | Ours.ComputerToolset20260801
    >;
    expectTypeOf<OurTools>().toExtend<SDK.ToolUnion>();
    expectTypeOf<Omit<Ours.WebFetchTool, 'url_sources'>>().toExtend<SDK.ToolUnion>();
  });

  test('response, stream events and errors (every property present)', () => {
    type OurMessage = Omit<Present<Ours.Message>, 'diagnostics'>;
    expectTypeOf<OurMessage>().toExtend<Omit<SDK.Message, 'diagnostics'>>();
    expectTypeOf<Present<Ours.ContentBlock>>().toExtend<SDK.ContentBlock>();
    expectTypeOf<Present<Ours.Usage>>().toExtend<SDK.Usage>();
    expectTypeOf<Present<Ours.MessageDeltaUsage>>().toExtend<SDK.MessageDeltaUsage>();
    expectTypeOf<Ours.StopReason>().toExtend<SDK.StopReason>();
    expectTypeOf<Present<Ours.RawContentBlockDelta>>().toExtend<SDK.RawContentBlockDelta>();
    expectTypeOf<Present<Ours.MessageDeltaEvent>>().toExtend<SDK.RawMessageDeltaEvent>();
    expectTypeOf<Present<Ours.ContentBlockStartEvent>>().toExtend<SDK.RawContentBlockStartEvent>();
    expectTypeOf<Present<Ours.ContentBlockDeltaEvent>>().toExtend<SDK.RawContentBlockDeltaEvent>();
    expectTypeOf<Ours.ContentBlockStopEvent>().toExtend<SDK.RawContentBlockStopEvent>();
    expectTypeOf<Ours.MessageStopEvent>().toExtend<SDK.RawMessageStopEvent>();
    expectTypeOf<Ours.MessageTokensCount>().toExtend<SDK.MessageTokensCount>();
  });

  test('differences we keep on purpose', () => {
    // Ping and error events are on the wire but not in the SDK's RawMessageStreamEvent union.
    expectTypeOf<Ours.PingEvent>().not.toExtend<SDK.RawMessageStreamEvent>();
    expectTypeOf<Ours.ErrorEvent>().not.toExtend<SDK.RawMessageStreamEvent>();
    // request_too_large comes from the edge (413) and is not in the SDK's ErrorType.
    expectTypeOf<'request_too_large'>().toExtend<Ours.ErrorType>();
    expectTypeOf<'request_too_large'>().not.toExtend<Shared.ErrorType>();
    // temperature/top_p/top_k: valid under 2023-06-01 only; SDK 1.x (2026-10-21) dropped them.
    expectTypeOf<Ours.MessageCreateParams>().toHaveProperty('temperature');
    expectTypeOf<SDK.MessageCreateParamsBase>().not.toHaveProperty('temperature');
  });
});
