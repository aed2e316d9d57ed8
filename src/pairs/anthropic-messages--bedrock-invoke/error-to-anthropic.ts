/** Bedrock runtime errors for an Anthropic client: the mapping the format owns (Converse shares it). */
export { bedrockErrorToAnthropic } from '../../formats/bedrock-invoke/anthropic-errors.js';
