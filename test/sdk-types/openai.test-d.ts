/**
 * Compile-time conformance of `spec/openai-chat-completions.yaml` (through the generated types in
 * `generated/openai-chat/types.gen.ts`) with the official `openai` SDK 6.x types.
 *
 * For the request, the response, the stream chunk and the error object:
 *  - every value the SDK can type is assignable to our type (we accept everything the SDK sends or receives);
 *  - every value of our type is assignable to the SDK type (what we produce, the SDK accepts), except for the
 *    differences listed below, each pinned by its own assertion so that it fails when the SDK or the spec moves;
 *  - the key sets agree: every SDK field is modeled, and the only extra fields are the documented ones
 *    (fields of the OpenAI spec that SDK 6.49 lacks, and the crosswire extensions).
 * docs/spec-drift.md explains each difference.
 */
import type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionChunk,
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ErrorObject as SdkErrorObject } from 'openai/resources/shared';
import { describe, expectTypeOf, test } from 'vitest';
import type * as Ours from '../../generated/openai-chat/types.gen.js';

type SdkChoice = ChatCompletion.Choice;
type SdkChunkChoice = ChatCompletionChunk.Choice;
type SdkDelta = ChatCompletionChunk.Choice.Delta;
type OurChoice = Ours.CreateChatCompletionResponse['choices'][number];
type OurChunkChoice = Ours.CreateChatCompletionStreamResponse['choices'][number];
type OurDelta = Ours.ChatCompletionStreamResponseDelta;
type OurAssistantMessage = Ours.ChatCompletionRequestAssistantMessage;

/**
 * The tier `fast` is in the OpenAI spec 2.3.0 (`ServiceTier`) but not in SDK 6.49's `service_tier` unions; the
 * crosswire extension `CrosswireAnthropicTool` (Anthropic-defined tools in `tools`) is not an SDK tool.
 */
type WithoutServiceTier<T> = Omit<T, 'service_tier' | 'tools'> & {
  tools?: Exclude<NonNullable<Ours.CreateChatCompletionRequest['tools']>[number], Ours.CrosswireAnthropicTool>[];
};
/** The crosswire extensions on assistant messages and deltas (`x-crosswire-extension: true`). */
type AssistantExtensions = 'content_blocks' | 'reasoning_content' | 'reasoning';

describe('request: ChatCompletionCreateParams <-> CreateChatCompletionRequest', () => {
  test('SDK requests (streaming and non-streaming) are valid requests of ours', () => {
    expectTypeOf<ChatCompletionCreateParamsNonStreaming>().toExtend<Ours.CreateChatCompletionRequest>();
    expectTypeOf<ChatCompletionCreateParamsStreaming>().toExtend<Ours.CreateChatCompletionRequest>();
  });

  test('our requests are SDK requests (service_tier aside)', () => {
    expectTypeOf<WithoutServiceTier<Ours.CreateChatCompletionRequest>>().toExtend<ChatCompletionCreateParamsBase>();
    expectTypeOf<Exclude<Ours.ServiceTier, 'fast'>>().toExtend<ChatCompletionCreateParamsBase['service_tier']>();
    // Pinned difference: SDK 6.49 lacks `fast`; when it gains it, drop WithoutServiceTier.
    expectTypeOf<'fast'>().not.toExtend<ChatCompletionCreateParamsBase['service_tier']>();
  });

  test('every SDK request field is modeled, and we model nothing the SDK lacks', () => {
    expectTypeOf<Exclude<keyof ChatCompletionCreateParamsBase, keyof Ours.CreateChatCompletionRequest>>().toBeNever();
    expectTypeOf<Exclude<keyof Ours.CreateChatCompletionRequest, keyof ChatCompletionCreateParamsBase>>().toBeNever();
  });

  test('messages, in both directions; the assistant message adds only the extensions', () => {
    expectTypeOf<ChatCompletionMessageParam>().toExtend<Ours.ChatCompletionRequestMessage>();
    expectTypeOf<Ours.ChatCompletionRequestMessage>().toExtend<ChatCompletionMessageParam>();
    expectTypeOf<Exclude<keyof ChatCompletionAssistantMessageParam, keyof OurAssistantMessage>>().toBeNever();
    expectTypeOf<
      Exclude<keyof OurAssistantMessage, keyof ChatCompletionAssistantMessageParam>
    >().toEqualTypeOf<AssistantExtensions>();
  });

  test('content parts: the text part adds only cache_control', () => {
    expectTypeOf<ChatCompletionContentPartText>().toExtend<Ours.ChatCompletionRequestMessageContentPartText>();
    expectTypeOf<Ours.ChatCompletionRequestMessageContentPartText>().toExtend<ChatCompletionContentPartText>();
    expectTypeOf<
      Exclude<keyof Ours.ChatCompletionRequestMessageContentPartText, keyof ChatCompletionContentPartText>
    >().toEqualTypeOf<'cache_control'>();
  });

  test('tools and tool_choice, in both directions', () => {
    type OurTool = NonNullable<Ours.CreateChatCompletionRequest['tools']>[number];
    expectTypeOf<ChatCompletionTool>().toExtend<OurTool>();
    // the extension: Anthropic-defined tools (web search, …) are ours only
    expectTypeOf<Exclude<OurTool, Ours.CrosswireAnthropicTool>>().toExtend<ChatCompletionTool>();
    expectTypeOf<Ours.CrosswireAnthropicTool>().not.toExtend<ChatCompletionTool>();
    expectTypeOf<ChatCompletionToolChoiceOption>().toExtend<Ours.ChatCompletionToolChoiceOption>();
    expectTypeOf<Ours.ChatCompletionToolChoiceOption>().toExtend<ChatCompletionToolChoiceOption>();
  });

  test('a concrete SDK-typed request is accepted as is', () => {
    const request: ChatCompletionCreateParamsStreaming = {
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
      ],
      tools: [
        { type: 'function', function: { name: 'look', parameters: { type: 'object' }, strict: true } },
        {
          type: 'custom',
          custom: { name: 'sql', format: { type: 'grammar', grammar: { definition: 'x', syntax: 'lark' } } },
        },
      ],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function' }] } },
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: {}, strict: true } },
      stop: ['\n\n'],
      reasoning_effort: 'low',
    };
    const ours: Ours.CreateChatCompletionRequest = request;
    expectTypeOf(ours).toEqualTypeOf<Ours.CreateChatCompletionRequest>();
  });
});

describe('response: ChatCompletion <-> CreateChatCompletionResponse', () => {
  test('SDK responses are valid responses of ours', () => {
    expectTypeOf<ChatCompletion>().toExtend<Ours.CreateChatCompletionResponse>();
  });

  test('our responses are SDK responses (service_tier aside)', () => {
    expectTypeOf<WithoutServiceTier<Ours.CreateChatCompletionResponse>>().toExtend<
      WithoutServiceTier<ChatCompletion>
    >();
    expectTypeOf<Exclude<Ours.ServiceTier, 'fast'>>().toExtend<ChatCompletion['service_tier']>();
  });

  test('key sets: the response adds only metadata (in the OpenAI spec, not in SDK 6.49)', () => {
    expectTypeOf<Exclude<keyof ChatCompletion, keyof Ours.CreateChatCompletionResponse>>().toBeNever();
    expectTypeOf<Exclude<keyof Ours.CreateChatCompletionResponse, keyof ChatCompletion>>().toEqualTypeOf<'metadata'>();
    expectTypeOf<Exclude<keyof SdkChoice, keyof OurChoice>>().toBeNever();
    expectTypeOf<Exclude<keyof OurChoice, keyof SdkChoice>>().toBeNever();
  });

  test('the message: both directions, extensions only as extra keys', () => {
    expectTypeOf<ChatCompletionMessage>().toExtend<Ours.ChatCompletionResponseMessage>();
    expectTypeOf<Ours.ChatCompletionResponseMessage>().toExtend<ChatCompletionMessage>();
    expectTypeOf<Exclude<keyof ChatCompletionMessage, keyof Ours.ChatCompletionResponseMessage>>().toBeNever();
    expectTypeOf<
      Exclude<keyof Ours.ChatCompletionResponseMessage, keyof ChatCompletionMessage>
    >().toEqualTypeOf<AssistantExtensions>();
  });

  test('usage: both directions; we add text_tokens and image_tokens (OpenAI spec fields SDK 6.49 lacks)', () => {
    expectTypeOf<CompletionUsage>().toExtend<Ours.CompletionUsage>();
    expectTypeOf<Ours.CompletionUsage>().toExtend<CompletionUsage>();
    type SdkPrompt = NonNullable<CompletionUsage['prompt_tokens_details']>;
    type OurPrompt = NonNullable<Ours.CompletionUsage['prompt_tokens_details']>;
    type SdkCompletion = NonNullable<CompletionUsage['completion_tokens_details']>;
    type OurCompletion = NonNullable<Ours.CompletionUsage['completion_tokens_details']>;
    expectTypeOf<Exclude<keyof SdkPrompt, keyof OurPrompt>>().toBeNever();
    expectTypeOf<Exclude<keyof OurPrompt, keyof SdkPrompt>>().toEqualTypeOf<'text_tokens' | 'image_tokens'>();
    expectTypeOf<Exclude<keyof SdkCompletion, keyof OurCompletion>>().toBeNever();
    expectTypeOf<Exclude<keyof OurCompletion, keyof SdkCompletion>>().toEqualTypeOf<'text_tokens'>();
  });
});

describe('stream: ChatCompletionChunk <-> CreateChatCompletionStreamResponse', () => {
  test('SDK chunks are valid chunks of ours', () => {
    expectTypeOf<ChatCompletionChunk>().toExtend<Ours.CreateChatCompletionStreamResponse>();
  });

  test('our chunks are SDK chunks (service_tier aside)', () => {
    expectTypeOf<WithoutServiceTier<Ours.CreateChatCompletionStreamResponse>>().toExtend<
      WithoutServiceTier<ChatCompletionChunk>
    >();
  });

  test('usage is nullable on chunks, as on the wire', () => {
    expectTypeOf<null>().toExtend<Ours.CreateChatCompletionStreamResponse['usage']>();
    expectTypeOf<null>().toExtend<OurChunkChoice['finish_reason']>();
  });

  test('key sets: the chunk adds only obfuscation; the delta only the extensions', () => {
    expectTypeOf<Exclude<keyof ChatCompletionChunk, keyof Ours.CreateChatCompletionStreamResponse>>().toBeNever();
    expectTypeOf<
      Exclude<keyof Ours.CreateChatCompletionStreamResponse, keyof ChatCompletionChunk>
    >().toEqualTypeOf<'obfuscation'>();
    expectTypeOf<Exclude<keyof SdkChunkChoice, keyof OurChunkChoice>>().toBeNever();
    expectTypeOf<Exclude<keyof OurChunkChoice, keyof SdkChunkChoice>>().toBeNever();
    expectTypeOf<Exclude<keyof SdkDelta, keyof OurDelta>>().toBeNever();
    expectTypeOf<Exclude<keyof OurDelta, keyof SdkDelta>>().toEqualTypeOf<AssistantExtensions>();
  });

  test('the delta and tool-call fragments, in both directions', () => {
    expectTypeOf<SdkDelta>().toExtend<OurDelta>();
    expectTypeOf<OurDelta>().toExtend<SdkDelta>();
    type OurFragment = Ours.ChatCompletionMessageToolCallChunk;
    expectTypeOf<ChatCompletionChunk.Choice.Delta.ToolCall>().toExtend<OurFragment>();
    expectTypeOf<OurFragment>().toExtend<ChatCompletionChunk.Choice.Delta.ToolCall>();
  });
});

describe('error: ErrorObject', () => {
  test('the inner error object agrees in both directions', () => {
    expectTypeOf<SdkErrorObject>().toEqualTypeOf<Ours.ErrorObject>();
    expectTypeOf<Ours.ErrorResponse['error']>().toEqualTypeOf<Ours.ErrorObject>();
  });
});
