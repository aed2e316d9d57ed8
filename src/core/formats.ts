/** Every wire format crosswire speaks. A format id names a wire format, not a provider. */
export const FORMATS = [
  'anthropic-messages',
  'openai-chat',
  'gemini',
  'bedrock-converse',
  'bedrock-invoke',
  'vertex-anthropic',
  'openai-responses',
] as const;

export type FormatId = (typeof FORMATS)[number];

export function isFormatId(value: unknown): value is FormatId {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

/**
 * Wire formats that have a spec and validators (`src/validate`) but no translators yet. They are kept out of
 * `FORMATS` on purpose: every `FormatId` is routable (pairs, gateway config, conformance tables), and these are not.
 * A format moves to `FORMATS` when its pair lands. None today.
 */
export const VALIDATED_ONLY_FORMATS = [] as const;

/** Any format the validate layer knows: the routable `FormatId`s and the `VALIDATED_ONLY_FORMATS`. */
export type WireFormatId = FormatId | (typeof VALIDATED_ONLY_FORMATS)[number];
