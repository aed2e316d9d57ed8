/** Every wire format crosswire speaks. A format id names a wire format, not a provider. */
export const FORMATS = [
  'anthropic-messages',
  'openai-chat',
  'gemini',
  'bedrock-converse',
  'bedrock-invoke',
  'vertex-anthropic',
] as const;

export type FormatId = (typeof FORMATS)[number];

export function isFormatId(value: unknown): value is FormatId {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}
