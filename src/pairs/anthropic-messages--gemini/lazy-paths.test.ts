/**
 * The Gemini reader builds the JSON paths of contents and parts only when a loss or an error is reported; these pin
 * that the paths it then reports still name the exact place in the input.
 */
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { geminiRequestToAnthropic } from './request-to-anthropic.js';

const t = (contents: unknown[]) => geminiRequestToAnthropic(deepFreeze({ contents }), { model: 'claude-x' });

function errorPath(contents: unknown[]): string | undefined {
  try {
    t(contents);
  } catch (e) {
    if (e instanceof TranslationError) return e.path;
    throw e;
  }
  return undefined;
}

const ask = { role: 'user', parts: [{ text: 'hi' }] };
const call = { role: 'model', parts: [{ text: 'calling' }, { functionCall: { name: 'f', args: {} } }] };

describe('Gemini -> Messages request: loss and error paths', () => {
  it('names unknown keys of contents, parts, calls and responses, across contents merged into one turn', () => {
    const r = t([
      { ...ask, extra: 1 },
      { role: 'model', parts: [{ text: 'a', odd: 1 }] },
      { role: 'model', parts: [{ text: 'b' }, { functionCall: { name: 'f', args: {}, more: 1 } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' }, also: 2 } }] },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'contents[0].extra',
      'contents[1].parts[0].odd',
      'contents[2].parts[1].functionCall.more',
      'contents[3].parts[0].functionResponse.also',
    ]);
  });

  it('names the part of an unsigned thought, of blank text and of a part with no equivalent', () => {
    const r = t([
      ask,
      { role: 'model', parts: [{ text: 'thinking', thought: true }, { executableCode: {} }] },
      { role: 'user', parts: [{ text: 'go on' }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }, { text: '  ' }] },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'contents[1].parts[1].executableCode',
      'contents[1].parts[1]',
      'contents[1].parts[0]',
      'contents[3].parts[1]',
    ]);
  });

  it('names the place of each error', () => {
    expect(errorPath([ask, 'x'])).toBe('contents[1]');
    expect(errorPath([ask, { role: 'system', parts: [{ text: 'a' }] }])).toBe('contents[1].role');
    expect(errorPath([ask, { role: 'model', parts: [] }])).toBe('contents[1].parts');
    expect(errorPath([ask, { role: 'model', parts: [{ text: 'a' }, 7] }])).toBe('contents[1].parts[1]');
    expect(errorPath([ask, { role: 'model', parts: [{ functionCall: { args: {} } }] }])).toBe(
      'contents[1].parts[0].functionCall.name',
    );
    expect(errorPath([ask, { role: 'model', parts: [{ functionCall: { name: 'f', args: 3 } }] }])).toBe(
      'contents[1].parts[0].functionCall.args',
    );
    expect(
      errorPath([ask, call, { role: 'user', parts: [{ text: 'r' }, { functionResponse: { response: {} } }] }]),
    ).toBe('contents[2].parts[1].functionResponse.name');
    expect(
      errorPath([ask, { role: 'user', parts: [{ text: 'r' }, { functionResponse: { name: 'g', response: {} } }] }]),
    ).toBe('contents[1].parts[1].functionResponse');
  });
});
