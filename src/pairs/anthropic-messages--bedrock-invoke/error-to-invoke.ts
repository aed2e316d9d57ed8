/** Anthropic errors for a Bedrock client: the Bedrock runtime's mapping, which the format owns (Converse shares it). */
export { anthropicErrorToBedrock } from '../../formats/bedrock-invoke/anthropic-errors.js';
