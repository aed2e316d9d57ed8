/** The profile the bench prints for a case that misses a target (bench/case-profile.ts): aggregation and format. */
import { describe, expect, test } from 'vitest';
import { cpuProfile, formatCaseProfile, selfTimes, splitOf, topFunctions } from '../../bench/case-profile.js';
import type { CallFrame, Profile, ProfileNode } from '../../bench/profile-summary.js';

const REPO = new URL('../../', import.meta.url).href;
const frame = (functionName: string, file = '', line = 0): CallFrame => ({
  functionName,
  url: file.startsWith('node:') ? file : file ? `${REPO}${file}` : '',
  lineNumber: line,
  columnNumber: 0,
});

/**
 * (root) ─┬─ loop (bench/x.ts:10) ─┬─ convert (src/a.ts:5) ── helper (src/b.ts:2)
 *         │                        └─ helper (src/b.ts:2)      (the same function on another path)
 *         ├─ (idle)
 *         ├─ post (node:inspector) ── dispatch              (the profiler stopping itself)
 *         └─ (garbage collector)
 */
function handMade(): Profile {
  const nodes: ProfileNode[] = [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 7, 9] },
    { id: 2, callFrame: frame('loop', 'bench/x.ts', 9), children: [3, 5] },
    { id: 3, callFrame: frame('convert', 'src/a.ts', 4), children: [4] },
    { id: 4, callFrame: frame('helper', 'src/b.ts', 1) },
    { id: 5, callFrame: frame('helper', 'src/b.ts', 1) },
    { id: 6, callFrame: frame('(idle)') },
    { id: 7, callFrame: frame('post', 'node:inspector', 0), children: [8] },
    { id: 8, callFrame: frame('dispatch') },
    { id: 9, callFrame: frame('(garbage collector)') },
  ];
  // sample ids and the µs each stands for: helper 30 + 20, convert 25, loop 5, gc 20, idle 400, inspector 900
  const samples = [4, 3, 5, 2, 9, 6, 8, 4, 3, 8];
  const timeDeltas = [30, 10, 20, 5, 20, 400, 450, 0, 15, 450];
  return { nodes, samples, timeDeltas, startTime: 0, endTime: 1400 };
}

describe('case profile: aggregation', () => {
  test('self time per function name + file:line, over every call path, most first; idle and the profiler left out', () => {
    const { totalUs, samples, functions } = selfTimes(handMade());
    expect([...functions]).toEqual([
      ['helper src/b.ts:2', 50],
      ['convert src/a.ts:5', 25],
      ['(garbage collector)', 20],
      ['loop bench/x.ts:10', 5],
    ]);
    expect(totalUs).toBe(100);
    expect(samples).toBe(7);
  });

  test('the top functions as a share of the whole case: step share × share of the step', () => {
    const { samples, top } = topFunctions(handMade(), 0.6, 2);
    expect(samples).toBe(7);
    expect(top.map((f) => f.key)).toEqual(['helper src/b.ts:2', 'convert src/a.ts:5']);
    expect(top[0]!.ofCase).toBeCloseTo(0.3, 10);
    expect(top[1]!.ofCase).toBeCloseTo(0.15, 10);
  });

  test('an empty profile gives no functions and no division by zero', () => {
    const { top } = topFunctions({ nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 }, 1, 8);
    expect(top).toEqual([]);
  });

  test('split: each part a share of the sum of the parts; extras as a share of the same sum', () => {
    const { split, extras } = splitOf(
      [
        { name: 'parse', ns: 20 },
        { name: 'translate', ns: 60 },
        { name: 'stringify', ns: 20 },
      ],
      [{ name: 'validate', ns: 50 }],
    );
    expect(split.map((s) => s.share)).toEqual([0.2, 0.6, 0.2]);
    expect(extras).toEqual([{ name: 'validate', ns: 50, share: 0.5 }]);
  });
});

describe('case profile: format', () => {
  test('misses, split, extras and the top functions with their share of the case', () => {
    const text = formatCaseProfile({
      title: 'request Gemini → Messages, medium',
      misses: ['× floor 1.58 > 1.15'],
      split: [
        { name: 'JSON.parse', ns: 20_000, share: 0.25 },
        { name: 'translate', ns: 40_000, share: 0.5 },
        { name: 'JSON.stringify', ns: 20_000, share: 0.25 },
      ],
      extras: [{ name: 'validateRequest', ns: 80_000, share: 1 }],
      step: 'translate',
      samples: 1234,
      functions: [
        { key: 'convertParts src/a.ts:5', selfUs: 900, ofCase: 0.123 },
        { key: '(garbage collector)', selfUs: 100, ofCase: 0.04 },
      ],
    });
    expect(text).toBe(
      [
        '#### request Gemini → Messages, medium',
        '',
        'misses: × floor 1.58 > 1.15',
        '',
        'split (each step timed alone, share of their sum): JSON.parse 20.0 µs (25.0 %) · translate 40.0 µs (50.0 %) · JSON.stringify 20.0 µs (25.0 %)',
        '',
        'beside the case: validateRequest 80.0 µs (100.0 % of the case)',
        '',
        'top self time in translate (V8 CPU profile, 1234 samples; % of the whole case):',
        '',
        '- 12.3 %  `convertParts src/a.ts:5`',
        '-  4.0 %  `(garbage collector)`',
      ].join('\n'),
    );
  });
});

describe('case profile: the V8 profile of a loop', () => {
  test('names the function the loop spends its time in', async () => {
    let sink = 0;
    function busyBenchLoop(): void {
      for (let i = 0; i < 20_000; i++) sink += Math.sqrt(i) * Math.sin(i);
    }
    const profile = await cpuProfile(busyBenchLoop, 60);
    const { functions } = selfTimes(profile);
    expect([...functions.keys()][0]).toMatch(/^busyBenchLoop test\/bench\/case-profile\.test\.ts:\d+$/);
    expect(sink).not.toBe(0);
  });
});
