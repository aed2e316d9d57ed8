/**
 * The `thoughtSignature` crosswire hands a Gemini client for an Anthropic thinking block, written from the rule in
 * docs/providers.md ("Thought signatures") with Node's own base64, not with the translator's code: base64 of
 * `anthropic-thinking\n<signature>\n<thinking text>`, or of `anthropic-redacted-thinking\n<data>`.
 */
export function geminiSignatureFor(signature: string, thinking: string): string {
  return Buffer.from(`anthropic-thinking\n${signature}\n${thinking}`, 'utf8').toString('base64');
}

export function geminiSignatureForRedacted(data: string): string {
  return Buffer.from(`anthropic-redacted-thinking\n${data}`, 'utf8').toString('base64');
}
