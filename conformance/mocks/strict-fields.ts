import type * as z from 'zod';
import { zMessageCountTokensParams, zToolInputSchema } from '../../generated/anthropic-messages/zod.gen.js';
import { zInputTokensRequest } from '../../generated/openai-responses/zod.gen.js';
import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { FORMAT_SCHEMAS } from '../../src/validate/format-schemas.js';
import { readGeminiJson } from './gemini/read-gemini-json.js';
import type { RuleViolation } from './mock-types.js';
import { type Segment, type UnknownField, unknownFields } from './unknown-fields.js';

/**
 * Unknown fields in a request body, answered as each provider answers them (docs/conformance-mocks.md#unknown-fields):
 *
 * - Anthropic Messages and Vertex (Claude): every depth, `<path>: Extra inputs are not permitted`, the path dotted with
 *   the block type after an index (`messages.0.content.0.text.citations_x`); `invalid_request_error`.
 * - Bedrock InvokeModel and Converse: every depth, `Malformed input request: #/<json pointer>: extraneous key [<key>] is
 *   not permitted, please reformat your input and try again.` (ValidationException).
 * - OpenAI Chat: top level only, `Unrecognized request argument supplied: <key>` (several: `arguments … a, b`), param
 *   null; unknown keys below the top level are ignored by the API, so the mock ignores them too.
 * - OpenAI Responses: every depth, `Unknown parameter: '<path>'.` with `param` the path and code `unknown_parameter`.
 * - Gemini: every depth, `Invalid JSON payload received. Unknown name "<key>" at '<snake_case path>': Cannot find
 *   field.` (top level: no ` at …`), one line per field, `INVALID_ARGUMENT`, the fields listed as `fieldViolations`.
 *   Read as Google's JSON parser reads the body: snake_case proto names are the camelCase fields.
 *
 * A tool's `input_schema` is a JSON Schema (any keyword is accepted), not part of this check.
 */

/** Which body an endpoint takes: a model call, or the format's token count. */
export type FieldsEndpoint = 'messages' | 'count_tokens';

/** Schemas that hold a document of their own (a JSON Schema): open, whatever the spec lists of them. */
const OPEN = new Set<unknown>([zToolInputSchema]);

function schemaFor(format: FormatId, endpoint: FieldsEndpoint): z.ZodType | undefined {
  if (endpoint === 'count_tokens') {
    if (format === 'anthropic-messages') return zMessageCountTokensParams;
    if (format === 'openai-responses') return zInputTokensRequest;
    return undefined;
  }
  return Object.hasOwn(FORMAT_SCHEMAS, format)
    ? FORMAT_SCHEMAS[format as keyof typeof FORMAT_SCHEMAS]?.request
    : undefined;
}

/** A segment as a plain path step (a key, an entry's key, an index); a union tag only when `tags`. */
function step(s: Segment, tags: boolean): string[] {
  if ('key' in s) return [s.key];
  if ('entry' in s) return [s.entry];
  if ('index' in s) return [String(s.index)];
  return tags ? [s.tag] : [];
}

/** `messages.0.content.0.text` (Anthropic: union tags kept). */
function dotted(at: readonly Segment[], key: string, tags: boolean): string {
  return [...at.flatMap((s) => step(s, tags)), key].join('.');
}

/**
 * `input[0].content[1]` (OpenAI Responses). `protoMaps` (Gemini): names in snake_case and a map entry as Google's
 * JSON parser names it, by position: `parameters.properties[2].value`.
 */
function bracketed(at: readonly Segment[], protoMaps = false): string {
  let out = '';
  const name = (k: string) => (out === '' ? k : `.${k}`);
  for (const s of at) {
    if ('key' in s) out += name(protoMaps ? snake(s.key) : s.key);
    else if ('index' in s) out += `[${s.index}]`;
    else if ('entry' in s) out += protoMaps ? `[${s.position}].value` : name(s.entry);
  }
  return out;
}

/** `#/messages/0/content` (Bedrock, a JSON pointer from `#`). */
function pointer(at: readonly Segment[]): string {
  const parts = at.flatMap((s) => step(s, false));
  return parts.length === 0 ? '#' : `#/${parts.join('/')}`;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function word(format: FormatId, found: readonly UnknownField[]): RuleViolation[] {
  switch (format) {
    case 'anthropic-messages':
    case 'vertex-anthropic':
      return found.map((f) => {
        const path = dotted(f.at, f.key, true);
        return { path: dotted(f.at, f.key, false), message: `${path}: Extra inputs are not permitted` };
      });
    case 'bedrock-invoke':
    case 'bedrock-converse':
      return found.map((f) => ({
        path: dotted(f.at, f.key, false),
        message: `Malformed input request: ${pointer(f.at)}: extraneous key [${f.key}] is not permitted, please reformat your input and try again.`,
      }));
    case 'openai-chat': {
      const top = found.filter((f) => f.at.length === 0).map((f) => f.key);
      if (top.length === 0) return [];
      const message =
        top.length === 1
          ? `Unrecognized request argument supplied: ${top[0]}`
          : `Unrecognized request arguments supplied: ${top.join(', ')}`;
      return [{ path: '', message, param: null }];
    }
    case 'openai-responses':
      return found.map((f) => {
        const at = bracketed(f.at);
        const path = at === '' ? f.key : `${at}.${f.key}`;
        return { path, message: `Unknown parameter: '${path}'.`, code: 'unknown_parameter' };
      });
    case 'gemini': {
      if (found.length === 0) return [];
      const lines = found.map((f) => {
        const at = bracketed(f.at, true);
        return {
          field: at,
          description: `Invalid JSON payload received. Unknown name "${f.key}"${at === '' ? '' : ` at '${at}'`}: Cannot find field.`,
        };
      });
      return [
        {
          path: lines[0]!.field,
          message: lines.map((l) => l.description).join('\n'),
          fieldViolations: lines.map((l) => (l.field === '' ? { description: l.description } : l)),
        },
      ];
    }
  }
}

/**
 * The provider's 400s for the fields of `body` that its spec does not define (none for an endpoint without a
 * schema here). Gemini bodies are read as Google's JSON parser reads them first.
 */
export function unknownFieldViolations(
  format: FormatId,
  body: unknown,
  endpoint: FieldsEndpoint = 'messages',
): RuleViolation[] {
  const schema = schemaFor(format, endpoint);
  if (!schema || !isRecord(body)) return [];
  const read = format === 'gemini' ? readGeminiJson(body) : body;
  return word(format, unknownFields(schema, read, OPEN));
}

/**
 * `violations` and then the unknown fields of `body` not already among them (InvokeModel and Vertex name `model`
 * and `stream` in their own rules).
 */
export function withUnknownFields(
  format: FormatId,
  violations: RuleViolation[],
  body: unknown,
  endpoint: FieldsEndpoint = 'messages',
): RuleViolation[] {
  const seen = new Set(violations.map((v) => v.path));
  return [...violations, ...unknownFieldViolations(format, body, endpoint).filter((v) => !seen.has(v.path))];
}
