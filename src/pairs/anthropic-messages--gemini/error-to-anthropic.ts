/** Gemini (Google) errors for an Anthropic client: the reader the format owns (Vertex shares it). */
export { geminiErrorToAnthropic } from '../../formats/gemini/anthropic-errors.js';
