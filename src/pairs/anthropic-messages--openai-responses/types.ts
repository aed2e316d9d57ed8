/** The wire types this pair produces, from the generated spec types. */
import type { Message, MessageCreateParams } from '../../../generated/anthropic-messages/types.gen.js';
import type { CreateResponseRequest, ResponseObject } from '../../../generated/openai-responses/types.gen.js';

export type ResponsesRequestOut = CreateResponseRequest;
export type ResponsesResponseOut = ResponseObject;
export type MessageCreateParamsOut = MessageCreateParams;
export type MessageOut = Message;
