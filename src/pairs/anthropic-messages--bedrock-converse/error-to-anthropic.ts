/** Converse (Bedrock runtime) errors for an Anthropic client: the mapping formats/bedrock-invoke owns (InvokeModel shares it). */
export { bedrockErrorToAnthropic as converseErrorToAnthropic } from '../../formats/bedrock-invoke/anthropic-errors.js';
