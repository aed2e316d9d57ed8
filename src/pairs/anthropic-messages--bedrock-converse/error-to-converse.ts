/** Anthropic errors for a Converse client: the Bedrock runtime's mapping, which formats/bedrock-invoke owns (InvokeModel shares it). */
export { anthropicErrorToBedrock as anthropicErrorToConverse } from '../../formats/bedrock-invoke/anthropic-errors.js';
