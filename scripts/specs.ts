/**
 * The OpenAPI documents crosswire writes (`spec/`), one per wire format.
 * `npm run generate` writes `generated/<format>/` for each entry; `npm run lint:spec` lints each spec.
 * Add one line per spec.
 */
export interface SpecEntry {
  /** Output folder name under `generated/`; usually a `FormatId`. */
  readonly format: string;
  /** Path of the OpenAPI 3.1 document, relative to the repository root. */
  readonly spec: string;
}

export const SPECS: readonly SpecEntry[] = [
  { format: 'anthropic-messages', spec: 'spec/anthropic-messages.yaml' },
  { format: 'openai-chat', spec: 'spec/openai-chat-completions.yaml' },
  { format: 'gemini', spec: 'spec/gemini-generate-content.yaml' },
  { format: 'bedrock-converse', spec: 'spec/bedrock-converse.yaml' },
  { format: 'openai-responses', spec: 'spec/openai-responses.yaml' },
];
