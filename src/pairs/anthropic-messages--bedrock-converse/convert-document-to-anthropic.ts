import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

/** Converse document formats that are text: sent to Claude as a plain-text document. */
const TEXT_FORMATS = new Set(['txt', 'md', 'csv', 'html']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** base64 (Converse `bytes` in JSON) -> UTF-8 text; `undefined` when the bytes are not UTF-8 text. */
function base64Utf8(data: string, at: JsonPath): string | undefined {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new TranslationError('invalid_input', 'document bytes are not valid base64', { path: at });
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Converse `document` -> Anthropic `document`. PDF bytes -> a base64 PDF; `source.text`, and the bytes of a
 * text format (txt, md, csv, html: how the AWS SDKs send text files), -> a plain-text document (csv and html
 * lose their format, reported); `name` -> `title`, `context` and `citations` carried. Other formats
 * (doc, docx, xls, xlsx) and sources (s3Location, content) have no Anthropic equivalent: `undefined`, reported.
 */
export function converseDocumentToAnthropic(
  d: JsonObject,
  at: JsonPath,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  const src = isRecord(d.source) ? d.source : {};
  const format = typeof d.format === 'string' ? d.format : undefined;
  let doc: Record<string, unknown> | undefined;
  if (typeof src.bytes === 'string' && format === 'pdf') {
    doc = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: src.bytes } };
  } else if (
    typeof src.text === 'string' ||
    (typeof src.bytes === 'string' && format !== undefined && TEXT_FORMATS.has(format))
  ) {
    const text =
      typeof src.text === 'string'
        ? src.text
        : base64Utf8(src.bytes as string, childPath(childPath(at, 'source'), 'bytes'));
    if (text !== undefined) {
      doc = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } };
      if (format !== undefined && format !== 'txt' && format !== 'md')
        losses.add(childPath(at, 'format'), `a ${format} document is sent to Claude as plain text`);
    }
  }
  if (!doc) {
    losses.add(
      at,
      `a ${format ?? 'document'} document from ${Object.keys(src).join(', ') || 'no source'} has no Anthropic equivalent (PDF bytes or text only)`,
    );
    return undefined;
  }
  if (typeof d.name === 'string') doc.title = d.name;
  if (typeof d.context === 'string') doc.context = d.context;
  if (isRecord(d.citations) && typeof d.citations.enabled === 'boolean')
    doc.citations = { enabled: d.citations.enabled };
  return doc;
}
