import type * as z from 'zod';
import { zMessageCountTokensParams, zMessageTokensCount } from '../../generated/anthropic-messages/zod.gen.js';
import type { FormatId } from '../../src/core/formats.js';
import { FORMAT_SCHEMAS } from '../../src/validate/format-schemas.js';

/** The generated schemas the meaning projections read (the validators' own, from `src/validate/format-schemas.ts`). */
export type SchemaKind = 'request' | 'response';

export function schemaOf(format: FormatId, kind: SchemaKind): z.ZodType {
  const s = FORMAT_SCHEMAS[format];
  if (!s) throw new Error(`no schemas for ${format}`);
  return s[kind];
}

/** Anthropic `count_tokens`: the request and the answer. */
export const COUNT_TOKENS_SCHEMAS = { request: zMessageCountTokensParams, response: zMessageTokensCount };
