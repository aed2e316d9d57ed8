/**
 * The wire types this pair produces, from the generated spec types. Produced bodies may also carry
 * crosswire's documented extension keys (`content_blocks`, `cache_control` on parts, `stop_sequence`
 * on a choice), which the generated types do not list.
 */
import type { Message, MessageCreateParams } from '../../../generated/anthropic-messages/types.gen.js';
import type {
  CreateChatCompletionRequest,
  CreateChatCompletionResponse,
} from '../../../generated/openai-chat/types.gen.js';

export type ChatCompletionRequestOut = CreateChatCompletionRequest;
export type ChatCompletionResponseOut = CreateChatCompletionResponse;
export type MessageCreateParamsOut = MessageCreateParams;
export type MessageOut = Message;
