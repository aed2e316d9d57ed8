import { describe, expect, it } from 'vitest';
import { createGeminiMock } from '../mocks/gemini/create-gemini-mock.js';
import { decodeClientStream } from '../scenarios/client-stream-events.js';
import { checkGeminiStream } from './check-gemini-stream.js';
import { errorsOnly } from './violation.js';

type Chunk = Record<string, unknown>;
type Part = Record<string, unknown>;

const ids = { modelVersion: 'gemini-2.5-flash', responseId: 'resp_1' };

function chunk(parts: Part[], extra: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}): Chunk {
  return { candidates: [{ content: { role: 'model', parts }, index: 0, ...candidate }], ...ids, ...extra };
}

// A stream written from docs/wire-formats.md#gemini-response, docs/wire-formats.md#gemini-stream: a thought summary, its signature, text split over chunks,
// a signed function call, the finish chunk with usage, then a usage-only chunk.
function validStream(): Chunk[] {
  return [
    chunk([{ text: 'Thinking about Paris.', thought: true }], {
      usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 },
    }),
    chunk([{ text: '', thought: true, thoughtSignature: 'c2lnLTE=' }]),
    chunk([{ text: 'Paris is ' }]),
    chunk([{ text: 'in France.' }]),
    chunk([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTI=' },
      { functionCall: { name: 'get_time', args: {} } },
    ]),
    chunk(
      [{ text: '' }],
      { usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 8, thoughtsTokenCount: 4, totalTokenCount: 22 } },
      { finishReason: 'STOP' },
    ),
    {
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 8,
        thoughtsTokenCount: 4,
        cachedContentTokenCount: 6,
        totalTokenCount: 22,
      },
      ...ids,
    },
  ];
}

/** the first part of the first candidate of chunk `i` */
function part(s: Chunk[], i: number, p = 0): Part {
  const candidates = (s[i] as Chunk).candidates as Array<{ content: { parts: Part[] } }>;
  return (candidates[0] as { content: { parts: Part[] } }).content.parts[p] as Part;
}

function candidate(s: Chunk[], i: number): Record<string, unknown> {
  const candidates = (s[i] as Chunk).candidates as Array<Record<string, unknown>>;
  return candidates[0] as Record<string, unknown>;
}

describe('checkGeminiStream', () => {
  it('accepts a valid stream with thoughts, text, signed function calls, a finish and a usage-only chunk', () => {
    expect(checkGeminiStream(validStream())).toEqual([]);
  });

  it('accepts a finish chunk without content, as translators write it', () => {
    const s = validStream().slice(0, 5);
    s.push({
      candidates: [{ finishReason: 'MAX_TOKENS', index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 },
      ...ids,
    });
    expect(checkGeminiStream(s)).toEqual([]);
  });

  it('accepts an {error} chunk that ends the stream, also as the only chunk', () => {
    const s = validStream().slice(0, 3);
    s.push({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } });
    expect(checkGeminiStream(s)).toEqual([]);
    expect(checkGeminiStream([{ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }])).toEqual([]);
  });

  it('accepts a blocked prompt: promptFeedback.blockReason and no candidates', () => {
    const s = [
      { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 }, ...ids },
    ];
    expect(checkGeminiStream(s)).toEqual([]);
  });

  it('accepts two candidates, each with its own finishReason', () => {
    const two = (a: Part[], b: Part[], fa?: string, fb?: string) => ({
      candidates: [
        { content: { role: 'model', parts: a }, index: 0, ...(fa ? { finishReason: fa } : {}) },
        { content: { role: 'model', parts: b }, index: 1, ...(fb ? { finishReason: fb } : {}) },
      ],
      ...ids,
    });
    const s = [two([{ text: 'a' }], [{ text: 'b' }]), two([{ text: 'c' }], [{ text: 'd' }], 'STOP', 'MAX_TOKENS')];
    (s[1] as Chunk).usageMetadata = { promptTokenCount: 1, candidatesTokenCount: 4, totalTokenCount: 5 };
    expect(checkGeminiStream(s)).toEqual([]);
    // the second candidate never finishes
    const open = [
      two([{ text: 'a' }], [{ text: 'b' }], 'STOP'),
      { usageMetadata: { promptTokenCount: 1, totalTokenCount: 1 } },
    ];
    expect(checkGeminiStream(open).map((v) => v.rule)).toEqual(['finish-reason-missing']);
  });

  it('reports every violation, not only the first', () => {
    const s = validStream();
    s.splice(3, 0, 'oops' as unknown as Chunk);
    s.splice(6, 2);
    expect(checkGeminiStream(s).map((v) => [v.rule, v.index])).toEqual([
      ['chunk-shape', 3],
      ['finish-reason-missing', 6],
    ]);
  });

  const cases: Array<[string, (s: Chunk[]) => void, number]> = [
    ['chunk-shape', (s) => s.splice(2, 0, [] as unknown as Chunk), 2],
    ['chunk-shape', (s) => (s[2] = { candidates: { content: {} }, ...ids }), 2],
    ['chunk-shape', (s) => ((candidate(s, 2).content as Part).parts = 'Paris'), 2],
    ['candidate-shape', (s) => (s[2] = { candidates: [{ index: 0 }], ...ids }), 2],
    ['candidate-shape', (s) => (candidate(s, 2).index = -1), 2],
    ['role', (s) => ((candidate(s, 3).content as Part).role = 'user'), 3],
    ['role', (s) => delete (candidate(s, 3).content as Part).role, 3],
    ['part-data', (s) => (part(s, 2).inlineData = { mimeType: 'image/png', data: 'AA==' }), 2],
    ['part-data', (s) => delete part(s, 2).text, 2],
    ['part-kind', (s) => (s[3] = chunk([{ functionResponse: { name: 'f', response: {} } }])), 3],
    ['part-shape', (s) => (part(s, 2).text = 42), 2],
    ['part-shape', (s) => (s[3] = chunk([{ inlineData: { mimeType: 'image/png' } }])), 3],
    ['part-shape', (s) => (s[3] = chunk([{ fileData: { mimeType: 'application/pdf' } }])), 3],
    ['function-call', (s) => (part(s, 4).functionCall = { name: 'get_weather', args: '{"city":"Paris"}' }), 4],
    ['function-call', (s) => (part(s, 4).functionCall = { args: {} }), 4],
    ['function-call', (s) => (part(s, 4).functionCall = { name: 'get_weather', args: {}, id: 7 }), 4],
    [
      'function-call-whole',
      (s) =>
        (part(s, 4).functionCall = {
          name: 'get_weather',
          partialArgs: [{ jsonPath: '$.city', stringValue: 'Pa' }],
          willContinue: true,
        }),
      4,
    ],
    ['thought-flag', (s) => (part(s, 0).thought = 'true'), 0],
    ['thought-flag', (s) => (part(s, 4, 1).thought = true), 4],
    ['thought-signature', (s) => (part(s, 1).thoughtSignature = 'not base64!'), 1],
    ['thought-signature', (s) => (part(s, 1).thoughtSignature = ''), 1],
    [
      'thought-signature-placement',
      (s) => (s[3] = chunk([{ executableCode: { language: 'PYTHON', code: 'print(1)' }, thoughtSignature: 'c2ln' }])),
      3,
    ],
    ['thought-signature-placement', (s) => (candidate(s, 3).thoughtSignature = 'c2ln'), 3],
    ['finish-reason', (s) => (candidate(s, 5).finishReason = 'FINISH_REASON_UNSPECIFIED'), 5],
    ['finish-reason', (s) => (candidate(s, 5).finishReason = 1), 5],
    ['finish-reason-once', (s) => s.splice(6, 0, { candidates: [{ finishReason: 'STOP', index: 0 }], ...ids }), 6],
    ['finish-reason-missing', (s) => delete candidate(s, 5).finishReason, 7],
    ['after-finish', (s) => s.splice(6, 0, chunk([{ text: 'late' }])), 6],
    [
      'after-finish',
      (s) => s.push({ promptFeedback: { blockReason: 'SAFETY' }, ...ids }, chunk([{ text: 'late' }])),
      8,
    ],
    [
      'block-reason',
      (s) => s.splice(0, 6, { ...chunk([{ text: 'x' }]), promptFeedback: { blockReason: 'SAFETY' } }),
      0,
    ],
    [
      'block-reason',
      (s) => s.splice(0, 6, { promptFeedback: { blockReason: 'BLOCKED_REASON_UNSPECIFIED' }, ...ids }),
      0,
    ],
    ['usage-shape', (s) => (s[6] = { usageMetadata: { promptTokenCount: -1 }, ...ids }), 6],
    ['usage-shape', (s) => (s[6] = { usageMetadata: { promptTokenCount: '10' }, ...ids }), 6],
    ['usage-shape', (s) => (s[6] = { usageMetadata: [], ...ids }), 6],
    [
      'usage-total',
      (s) =>
        (s[6] = {
          usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 8, thoughtsTokenCount: 4, totalTokenCount: 23 },
          ...ids,
        }),
      6,
    ],
    [
      'usage-cached',
      (s) =>
        (s[6] = {
          usageMetadata: {
            promptTokenCount: 10,
            cachedContentTokenCount: 11,
            candidatesTokenCount: 8,
            thoughtsTokenCount: 4,
            totalTokenCount: 22,
          },
          ...ids,
        }),
      6,
    ],
    [
      'usage-cumulative',
      (s) =>
        (s[6] = {
          usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 7, thoughtsTokenCount: 5, totalTokenCount: 22 },
          ...ids,
        }),
      6,
    ],
    [
      'usage-missing',
      (s) => {
        s.pop();
        delete s[5]?.usageMetadata;
      },
      6,
    ],
    ['response-id', (s) => (s[3] = { ...s[3], responseId: 'resp_2' }), 3],
    ['model-version', (s) => (s[3] = { ...s[3], modelVersion: 'gemini-2.5-pro' }), 3],
    ['after-error', (s) => s.splice(3, 0, { error: { code: 500, message: 'internal', status: 'INTERNAL' } }), 4],
    ['error-shape', (s) => s.splice(3, 4, { error: { code: 200, message: 'fine', status: 'OK' } }), 3],
    ['error-shape', (s) => s.splice(3, 4, { error: { code: 503, message: 'overloaded' } }), 3],
    ['warn:unknown-finish-reason', (s) => (candidate(s, 5).finishReason = 'BORED'), 5],
    ['warn:thought-signature-parallel', (s) => (part(s, 4, 1).thoughtSignature = 'c2lnLTM='), 4],
  ];

  for (const [rule, mutate, index] of cases) {
    it(`reports ${rule} and nothing else`, () => {
      const s = validStream();
      mutate(s);
      const violations = checkGeminiStream(s);
      expect(violations.map((v) => v.rule)).toEqual([rule]);
      expect(violations[0]?.index).toBe(index);
    });
  }

  it('reports warnings only as warn: rules, so errorsOnly drops them', () => {
    const s = validStream();
    candidate(s, 5).finishReason = 'BORED';
    expect(errorsOnly(checkGeminiStream(s))).toEqual([]);
  });

  it('accepts the strict mock’s CRLF streams: text, and thoughts with a forced function call', async () => {
    const mock = createGeminiMock({ chunkSize: 4 });
    const user = { role: 'user', parts: [{ text: 'what is the weather in Paris' }] };
    const bodies = [
      { contents: [user] },
      {
        contents: [user],
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
              },
            ],
          },
        ],
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
        generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
      },
    ];
    for (const body of bodies) {
      const res = await mock(
        new Request('https://gemini.test/v1beta/models/gemini-x:streamGenerateContent?alt=sse', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
          body: JSON.stringify(body),
        }),
      );
      const { events, problems } = await decodeClientStream('gemini', new Uint8Array(await res.arrayBuffer()));
      expect(problems).toEqual([]);
      expect(events.length).toBeGreaterThan(2);
      expect(checkGeminiStream(events)).toEqual([]);
    }
  });

  it('reports an empty stream as missing its finish', () => {
    expect(checkGeminiStream([]).map((v) => [v.rule, v.index])).toEqual([['finish-reason-missing', 0]]);
  });
});

describe('checkGeminiStream: streamed function-call arguments (the request asked for them)', () => {
  const streamed = { streamedArguments: true };
  const usage = { usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 } };
  // docs/wire-formats.md#gemini-stream: the named part (signed), partialArgs parts (a string over two of them, a
  // nested path), the empty part ending the call; then a whole parallel call, and the finish
  function streamedCall(): Chunk[] {
    return [
      chunk([{ functionCall: { name: 'get_weather', willContinue: true }, thoughtSignature: 'c2ln' }]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: '$.city', stringValue: 'Pa', willContinue: true }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.city', stringValue: 'ris' },
              { jsonPath: '$.when[0].day', numberValue: 1 },
              { jsonPath: '$.metric', boolValue: true },
              { jsonPath: '$.note', nullValue: 'NULL_VALUE' },
            ],
            willContinue: true,
          },
        },
      ]),
      chunk([{ functionCall: {} }]),
      chunk([{ functionCall: { name: 'get_time', args: {} } }]),
      chunk([{ text: '' }], usage, { finishReason: 'STOP' }),
    ];
  }

  it('accepts the streamed shape when asked for, and only then', () => {
    expect(errorsOnly(checkGeminiStream(streamedCall(), streamed))).toEqual([]);
    expect(errorsOnly(checkGeminiStream(streamedCall())).map((v) => [v.rule, v.index])).toEqual([
      ['function-call-whole', 0],
      ['function-call', 1],
      ['function-call-whole', 1],
      ['function-call', 2],
      ['function-call-whole', 2],
      ['function-call', 3],
    ]);
    // whole calls stay legal for a client that asked
    expect(errorsOnly(checkGeminiStream(validStream(), streamed))).toEqual([]);
  });

  const cases: Array<[string, (s: Chunk[]) => unknown, number]> = [
    ['streamed-call-open', (s) => s.splice(3, 1), 3],
    ['streamed-call-open', (s) => (s[3] = chunk([{ text: 'meanwhile' }])), 3],
    ['streamed-call-open', (s) => (s[3] = chunk([{ functionCall: { name: 'other', args: {} } }])), 3],
    ['function-call', (s) => s.splice(0, 1), 0],
    ['function-call', (s) => (part(s, 2).functionCall = { partialArgs: [], id: 'x', willContinue: true }), 2],
    ['function-call', (s) => (part(s, 0).functionCall = { name: 'get_weather', args: {}, willContinue: true }), 0],
    [
      'partial-args',
      (s) => (part(s, 1).functionCall = { partialArgs: [{ stringValue: 'Pa' }], willContinue: true }),
      1,
    ],
    [
      'partial-args',
      (s) => (part(s, 1).functionCall = { partialArgs: [{ jsonPath: 'city', stringValue: 'Pa' }], willContinue: true }),
      1,
    ],
    [
      'partial-args',
      (s) =>
        (part(s, 1).functionCall = {
          partialArgs: [{ jsonPath: '$.city', stringValue: 'Pa', numberValue: 1 }],
          willContinue: true,
        }),
      1,
    ],
    [
      'partial-args',
      (s) => ((part(s, 2).functionCall as { partialArgs: Part[] }).partialArgs[0]!.jsonPath = '$.town'),
      2,
    ],
    ['partial-args', (s) => s.splice(2, 1), 2],
    [
      'partial-args',
      (s) =>
        (part(s, 1).functionCall = {
          partialArgs: [{ jsonPath: '$.n', numberValue: 1, willContinue: true }],
          willContinue: true,
        }),
      1,
    ],
    [
      'partial-args',
      (s) => ((part(s, 2).functionCall as { partialArgs: Part[] }).partialArgs[1]!.numberValue = '1'),
      2,
    ],
  ];
  for (const [rule, breakIt, at] of cases) {
    it(`reports ${rule} at chunk ${at}: ${breakIt.toString().slice(0, 90)}`, () => {
      const s = streamedCall();
      breakIt(s);
      const found = errorsOnly(checkGeminiStream(s, streamed));
      expect(found.map((v) => [v.rule, v.index])).toContainEqual([rule, at]);
    });
  }
});
