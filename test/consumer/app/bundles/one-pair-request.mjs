// Bundle-size entry: one pair's request translator alone (OpenAI Chat -> Anthropic Messages).
export { openaiRequestToAnthropic } from 'crosswire/pairs/openai';
