import { describe, expect, it } from 'vitest';
import { createToolNamer, isValidToolName, restoreToolName } from './map-tool-names.js';

describe('tool names', () => {
  it('keeps valid names and produces no map', () => {
    const n = createToolNamer(['get_weather', 'a-b']);
    expect(n.toTarget('get_weather')).toBe('get_weather');
    expect(n.map).toBeUndefined();
  });
  it('rewrites invalid names to valid, deterministic, reversible names', () => {
    const names = ['mcp.server/search', 'café', 'x'.repeat(100), ''];
    const a = createToolNamer(names);
    const b = createToolNamer(names);
    const out = names.map((n) => a.toTarget(n));
    expect(out).toEqual(names.map((n) => b.toTarget(n)));
    for (const o of out) expect(isValidToolName(o)).toBe(true);
    expect(new Set(out).size).toBe(names.length);
    names.forEach((n, i) => {
      expect(restoreToolName(out[i]!, a.map)).toBe(n);
    });
    expect(a.toTarget('mcp.server/search')).toBe(out[0]);
  });
  it('never collides with a valid name in the same request', () => {
    const first = createToolNamer(['a.b']).toTarget('a.b');
    const n = createToolNamer(['a.b', first]);
    const t = n.toTarget('a.b');
    expect(t).not.toBe(first);
    expect(isValidToolName(t)).toBe(true);
    expect(n.toTarget(first)).toBe(first);
    expect(restoreToolName(t, n.map)).toBe('a.b');
  });
  it('restoreToolName is identity for unknown names and ignores prototype keys', () => {
    expect(restoreToolName('constructor', {})).toBe('constructor');
    expect(restoreToolName('x', undefined)).toBe('x');
  });
});
