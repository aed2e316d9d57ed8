import { describe, expect, it } from 'vitest';
import { LossCollector } from './losses.js';
import { type NotCarried, reportNotCarried } from './not-carried.js';

const TABLE: Record<string, NotCarried> = {
  seed: 'no seed here',
  n: { reason: 'one choice only', inert: (v) => v === 1 },
};

function run(body: Record<string, unknown>) {
  const losses = new LossCollector();
  reportNotCarried(body, new Set(['model']), TABLE, 'field not supported', losses);
  return losses.list.map((l) => [l.path, l.reason]);
}

describe('reportNotCarried', () => {
  it('reports unhandled fields with their reason or the fallback; handled, null and inert values are not losses', () => {
    expect(run({ model: 'm', seed: 1, n: 1, x: null, y: 2 })).toEqual([
      ['seed', 'no seed here'],
      ['y', 'field not supported'],
    ]);
    expect(run({ n: 2 })).toEqual([['n', 'one choice only']]);
  });

  it('reads own keys of the table only: Object.prototype names get the fallback', () => {
    const body = JSON.parse('{"__proto__":1,"constructor":2,"toString":3}') as Record<string, unknown>;
    expect(run(body)).toEqual([
      ['__proto__', 'field not supported'],
      ['constructor', 'field not supported'],
      ['toString', 'field not supported'],
    ]);
  });
});
