import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { converseDocumentToAnthropic } from './convert-document-to-anthropic.js';

function convert(doc: Record<string, unknown>) {
  const losses = new LossCollector();
  const out = converseDocumentToAnthropic(deepFreeze(doc), 'messages[0].content[0].document', losses);
  return { out, losses: losses.list };
}

// "Revenue grew 4%." and "caf\u00e9" in UTF-8, base64
const TXT = 'UmV2ZW51ZSBncmV3IDQlLg==';
const CAFE = 'Y2Fmw6k=';

describe('Converse document -> Anthropic document', () => {
  it('PDF bytes -> a base64 PDF document; name -> title, context and citations carried', () => {
    expect(
      convert({ format: 'pdf', name: 'Q3', source: { bytes: 'JVBE' }, context: 'draft', citations: { enabled: true } }),
    ).toEqual({
      out: {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
        title: 'Q3',
        context: 'draft',
        citations: { enabled: true },
      },
      losses: [],
    });
  });

  it('txt and md bytes (how the AWS SDK sends text files) -> a plain-text document with the decoded UTF-8 text', () => {
    expect(convert({ format: 'txt', name: 'notes', source: { bytes: TXT } }).out).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'Revenue grew 4%.' },
      title: 'notes',
    });
    expect(convert({ format: 'md', name: 'cafe', source: { bytes: CAFE } })).toEqual({
      out: { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'caf\u00e9' }, title: 'cafe' },
      losses: [],
    });
  });

  it('csv and html are sent as plain text, the format reported', () => {
    const r = convert({ format: 'csv', name: 'table', source: { bytes: TXT } });
    expect(r.out).toMatchObject({ source: { type: 'text', data: 'Revenue grew 4%.' } });
    expect(r.losses).toEqual([
      { path: 'messages[0].content[0].document.format', reason: 'a csv document is sent to Claude as plain text' },
    ]);
  });

  it('a text source is carried whatever the format says', () => {
    expect(convert({ name: 'n', source: { text: 'hello' } }).out).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'hello' },
      title: 'n',
    });
  });

  it('binary office formats, S3 sources and text bytes that are not UTF-8 have no Anthropic equivalent: reported', () => {
    for (const doc of [
      { format: 'docx', name: 'd', source: { bytes: TXT } },
      { format: 'pdf', name: 'd', source: { s3Location: { uri: 's3://b/k' } } },
      { format: 'txt', name: 'd', source: { bytes: '//79' } },
    ]) {
      const r = convert(doc);
      expect(r.out).toBeUndefined();
      expect(r.losses).toEqual([
        { path: 'messages[0].content[0].document', reason: expect.stringContaining('no Anthropic equivalent') },
      ]);
    }
  });

  it('bytes that are not base64 are invalid input', () => {
    expect(() => convert({ format: 'txt', name: 'd', source: { bytes: '%%%' } })).toThrow(TranslationError);
  });
});
