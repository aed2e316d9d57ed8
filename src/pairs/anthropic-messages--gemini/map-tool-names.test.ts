import { describe, expect, it } from 'vitest';
import { clientToolName, createGeminiToolNamer } from './map-tool-names.js';

const GEMINI_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

describe('createGeminiToolNamer', () => {
  it('keeps valid names and builds no map when all are valid', () => {
    const n = createGeminiToolNamer(['get_weather', 'ns.tool:v1', '_x']);
    expect(n.toGemini('get_weather')).toBe('get_weather');
    expect(n.map).toBeUndefined();
  });

  it('rewrites names Gemini rejects (leading digit or -, over 64 chars) into valid, distinct, stable names, restored by the map', () => {
    const long = `mcp__${'filesystem_'.repeat(8)}read_file`;
    const names = ['1st_tool', '-dash', long, `${long}_2`, 'ok'];
    const n = createGeminiToolNamer(names);
    const out = names.map((x) => n.toGemini(x));
    expect(out[4]).toBe('ok');
    for (const g of out) expect(g).toMatch(GEMINI_NAME);
    expect(new Set(out).size).toBe(names.length);
    expect(n.toGemini('1st_tool')).toBe(out[0]);
    for (let i = 0; i < names.length; i++) expect(clientToolName(out[i]!, n.map)).toBe(names[i]);
  });

  it('never hands out a name the request already uses', () => {
    const first = createGeminiToolNamer(['9x']).toGemini('9x');
    const n = createGeminiToolNamer(['9x', first]);
    expect(n.toGemini('9x')).not.toBe(first);
    expect(n.toGemini(first)).toBe(first);
  });

  it('clientToolName leaves unknown names alone and ignores inherited keys', () => {
    expect(clientToolName('toString', {})).toBe('toString');
    expect(clientToolName('a', undefined)).toBe('a');
  });
});
