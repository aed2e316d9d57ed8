import { describe, expect, it } from 'vitest';
import { converseDocumentName } from './convert-document-name.js';

describe('converseDocumentName', () => {
  it('keeps a name Converse accepts as it is', () => {
    expect(converseDocumentName('Q3 report (draft) [v2]-final')).toBe('Q3 report (draft) [v2]-final');
  });

  it('turns each run of other characters into one hyphen', () => {
    expect(converseDocumentName('report_v2.final.pdf')).toBe('report-v2-final-pdf');
    expect(converseDocumentName('a/b:c??d')).toBe('a-b-c-d');
    expect(converseDocumentName('caf\u00e9 menu')).toBe('caf- menu');
  });

  it('collapses whitespace runs (Converse allows no more than one in a row) and trims', () => {
    expect(converseDocumentName('  two\t\tspaces \n here ')).toBe('two spaces here');
  });

  it('cuts to 200 characters', () => {
    expect(converseDocumentName('x'.repeat(250))).toBe('x'.repeat(200));
  });

  it('gives undefined when no letter or digit is left', () => {
    expect(converseDocumentName('...')).toBeUndefined();
    expect(converseDocumentName('   ')).toBeUndefined();
    expect(converseDocumentName('')).toBeUndefined();
  });
});
