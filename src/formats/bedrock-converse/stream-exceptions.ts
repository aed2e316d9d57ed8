/**
 * The exception members of the ConverseStream output union (docs/wire-formats.md#bedrock-converse-stream): the only exception frames a
 * Converse client's SDK models. Bedrock's other exceptions (`modelTimeoutException`, `accessDeniedException`,
 * `resourceNotFoundException`, …) are InvokeModel stream or HTTP errors, never ConverseStream events.
 */
export const CONVERSE_STREAM_EXCEPTIONS: ReadonlySet<string> = new Set([
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
]);

/** A Bedrock stream exception name (camelCase) as a ConverseStream exception: one outside the union becomes `modelStreamErrorException`. */
export function converseStreamException(name: string): string {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return CONVERSE_STREAM_EXCEPTIONS.has(camel) ? camel : 'modelStreamErrorException';
}
