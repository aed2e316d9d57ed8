import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import {
  formatArgPath,
  JsonTextToPartialArgs,
  type PartialArg,
  PartialArgsJsonWriter,
  parseArgPath,
} from './partial-args.js';

function write(args: readonly unknown[]): { pieces: string[]; text: string } {
  const w = new PartialArgsJsonWriter();
  const pieces = args.map((a) => w.push(a));
  pieces.push(w.end());
  return { pieces, text: pieces.join('') };
}

function read(pieces: readonly string[]): { args: PartialArg[]; empty: string[] } {
  const r = new JsonTextToPartialArgs();
  const args = pieces.flatMap((p) => r.push(p));
  args.push(...r.end());
  return { args, empty: r.emptyContainers };
}

describe('parseArgPath / formatArgPath', () => {
  it('reads dot names, indexes and quoted names with escapes', () => {
    expect(parseArgPath('$')).toEqual([]);
    expect(parseArgPath('$.location')).toEqual(['location']);
    expect(parseArgPath('$.items[0].name')).toEqual(['items', 0, 'name']);
    expect(parseArgPath('$[\'odd key\'][12]["q\\"x"]')).toEqual(['odd key', 12, 'q"x']);
    expect(parseArgPath("$['a\\u0041\\n']")).toEqual(['aA\n']);
  });

  it('rejects what is not a path', () => {
    for (const bad of ['location', '$.', '$[01]', '$[x]', "$['open", '$.a..b', '$[-1]'])
      expect(() => parseArgPath(bad), bad).toThrow(TranslationError);
  });

  it('writes plain names with a dot and the rest quoted, and reads back what it writes', () => {
    expect(formatArgPath(['a', 0, 'b c', "it's"])).toBe("$.a[0]['b c']['it\\'s']");
    for (const p of [['x'], ['a', 3, 'b'], ['ä', '1', ''], ['back\\slash']])
      expect(parseArgPath(formatArgPath(p))).toEqual(p);
  });
});

describe('PartialArgsJsonWriter: partialArgs -> JSON text', () => {
  it('streams a string split over parts, then a number, and closes the object at the end', () => {
    const { pieces, text } = write([
      { jsonPath: '$.location', stringValue: 'Bos', willContinue: true },
      { jsonPath: '$.location', stringValue: 'ton, MA' },
      { jsonPath: '$.brightness', numberValue: 50 },
    ]);
    expect(pieces).toEqual(['{"location":"Bos', 'ton, MA"', ',"brightness":50', '}']);
    expect(JSON.parse(text)).toEqual({ location: 'Boston, MA', brightness: 50 });
  });

  it('opens and closes nested objects and lists as the paths move, with every value kind', () => {
    const { text } = write([
      { jsonPath: '$.order.items[0].sku', stringValue: 'A-1' },
      { jsonPath: '$.order.items[0].qty', numberValue: 2 },
      { jsonPath: '$.order.items[1].sku', stringValue: 'B' },
      { jsonPath: '$.order.items[1].gift', boolValue: true },
      { jsonPath: '$.order.note', nullValue: 'NULL_VALUE' },
      { jsonPath: '$.tags[0]', stringValue: 'x' },
      { jsonPath: '$.tags[1]', numberValue: -1.5 },
      { jsonPath: '$.matrix[0][0]', numberValue: 1 },
      { jsonPath: '$.matrix[0][1]', nullValue: null },
      { jsonPath: '$.matrix[1][0]', boolValue: false },
      { jsonPath: '$[\'odd "key"\']', stringValue: 'v' },
    ]);
    expect(text).toBe(
      '{"order":{"items":[{"sku":"A-1","qty":2},{"sku":"B","gift":true}],"note":null},"tags":["x",-1.5],' +
        '"matrix":[[1,null],[false]],"odd \\"key\\"":"v"}',
    );
    expect(JSON.parse(text)).toEqual({
      order: {
        items: [
          { sku: 'A-1', qty: 2 },
          { sku: 'B', gift: true },
        ],
        note: null,
      },
      tags: ['x', -1.5],
      matrix: [[1, null], [false]],
      'odd "key"': 'v',
    });
  });

  it('escapes string pieces as JSON.stringify does, and never cuts a surrogate pair between pieces', () => {
    const { pieces, text } = write([
      { jsonPath: '$.s', stringValue: 'a"b\\\n\u0001\ud83d', willContinue: true },
      { jsonPath: '$.s', stringValue: '\ude00!' },
    ]);
    expect(pieces[0]).toBe('{"s":"a\\"b\\\\\\n\\u0001');
    expect(text).toBe(JSON.stringify({ s: 'a"b\\\n\u0001😀!' }));
  });

  it('closes a string whose last piece still said willContinue when another path starts, or at the end', () => {
    expect(
      write([
        { jsonPath: '$.a', stringValue: 'x', willContinue: true },
        { jsonPath: '$.b', stringValue: 'y', willContinue: true },
      ]).text,
    ).toBe('{"a":"x","b":"y"}');
  });

  it('gives {} for a call whose arguments never came', () => {
    expect(write([]).text).toBe('{}');
  });

  it('refuses what cannot be written in order: a closed container revisited, a list gap, a value of no kind', () => {
    const cases: unknown[][] = [
      [
        { jsonPath: '$.a.x', numberValue: 1 },
        { jsonPath: '$.b', numberValue: 2 },
        { jsonPath: '$.a.y', numberValue: 3 },
      ],
      [
        { jsonPath: '$.a', numberValue: 1 },
        { jsonPath: '$.a', numberValue: 2 },
      ],
      [{ jsonPath: '$.l[1]', numberValue: 1 }],
      [{ jsonPath: '$.x' }],
      [{ jsonPath: '$.x', stringValue: 'a', numberValue: 1 }],
      [{ jsonPath: '$[0]', numberValue: 1 }],
      [{ jsonPath: '$', stringValue: 'a' }],
      [{ stringValue: 'a' }],
      [{ jsonPath: '$.n', numberValue: '1' }],
    ];
    for (const c of cases) expect(() => write(c), JSON.stringify(c)).toThrow(TranslationError);
  });
});

describe('JsonTextToPartialArgs: JSON text -> partialArgs', () => {
  it('streams string values piece by piece and scalars once complete', () => {
    const r = new JsonTextToPartialArgs();
    expect(r.push('{"location":"Bos')).toEqual([{ jsonPath: '$.location', stringValue: 'Bos', willContinue: true }]);
    expect(r.push('ton","n":1')).toEqual([{ jsonPath: '$.location', stringValue: 'ton' }]);
    expect(r.push('2')).toEqual([]);
    expect(r.push(',"t":[true,null,{"k":"v"}]}')).toEqual([
      { jsonPath: '$.n', numberValue: 12 },
      { jsonPath: '$.t[0]', boolValue: true },
      { jsonPath: '$.t[1]', nullValue: 'NULL_VALUE' },
      { jsonPath: '$.t[2].k', stringValue: 'v' },
    ]);
    expect(r.end()).toEqual([]);
  });

  it('ends a string whose closing quote comes alone with an empty last piece', () => {
    expect(read(['{"a":"xy', '"}']).args).toEqual([
      { jsonPath: '$.a', stringValue: 'xy', willContinue: true },
      { jsonPath: '$.a', stringValue: '' },
    ]);
  });

  it('decodes escapes cut between pieces and keeps a surrogate pair together', () => {
    const { args } = read(['{"s":"a\\', 'u00', '41\\ud83d', '\\ude00"}']);
    expect(args.map((a) => a.stringValue).join('')).toBe('aA😀');
    expect(args.every((a) => !/[\ud800-\udbff]$/.test(a.stringValue ?? ''))).toBe(true);
  });

  it('names empty objects and lists, which partial arguments cannot carry', () => {
    expect(read(['{"a":{},"b":[],"c":[{}],"d":1}'])).toEqual({
      args: [{ jsonPath: '$.d', numberValue: 1 }],
      empty: ['$.a', '$.b', '$.c[0]'],
    });
    expect(read(['{}'])).toEqual({ args: [], empty: [] });
  });

  it('refuses text that is not one JSON object', () => {
    for (const bad of [['[1]'], ['{"a":1'], ['{"a" 1}'], ['{"a":01}'], ['{"a":tru}'], ['{"a":1}x'], ['{"a":1,}']])
      expect(() => read(bad), bad.join('')).toThrow(TranslationError);
  });

  const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: 'binary' }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { minKeys: 1, maxKeys: 3 }),
    ),
  })).value;
  const object = fc.dictionary(fc.string({ unit: 'binary' }), json, { maxKeys: 4 });

  test.prop([object, fc.array(fc.nat(), { maxLength: 12 })])(
    'JSON text cut anywhere -> partialArgs -> JSON text: the same text',
    (value, cuts) => {
      const text = JSON.stringify(value);
      const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...at].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
      const { args, empty } = read(pieces);
      expect(empty).toEqual([]);
      const back = write(args).text;
      expect(back).toBe(text);
    },
  );
});
