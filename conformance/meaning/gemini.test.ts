import { describe, expect, it } from 'vitest';
import { jsonDiff } from '../scenarios/diff.js';
import { geminiMeaning as m } from './gemini.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const diff = (a: unknown, b: unknown) => jsonDiff(a, b, { align: true });

const upper = {
  type: 'OBJECT',
  properties: { city: { type: 'STRING' }, n: { type: 'INTEGER', minimum: 1 } },
  required: ['city'],
};
const request: Json = {
  contents: [
    { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
    {
      role: 'model',
      parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2ln' }],
    },
    { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18C' } } }] },
  ],
  systemInstruction: { parts: [{ text: 'Be brief.' }] },
  tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather', parameters: upper }] }],
  generationConfig: { maxOutputTokens: 300, temperature: 0.2, thinkingConfig: { thinkingLevel: 'LOW' } },
};

describe('Gemini meaning: requests', () => {
  const lower = {
    type: 'object',
    properties: { city: { type: 'string' }, n: { type: 'integer', minimum: 1 } },
    required: ['city'],
  };
  const legal: [string, (r: Json) => Json][] = [
    [
      'lowercase schema types',
      (r) => ({
        ...r,
        tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather', parameters: lower }] }],
      }),
    ],
    [
      'parametersJsonSchema with JSON Schema keywords and $refs',
      (r) => ({
        ...r,
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                description: 'Weather',
                parametersJsonSchema: {
                  $schema: 'https://json-schema.org/draft/2020-12/schema',
                  ...lower,
                  additionalProperties: false,
                  properties: { city: { $ref: '#/$defs/city' }, n: lower.properties.n },
                  $defs: { city: { type: 'string' } },
                },
              },
            ],
          },
        ],
      }),
    ],
    [
      'snake_case fields, lowercase enum values, a model key',
      (r) => {
        const { systemInstruction, generationConfig: _, ...rest } = r;
        return {
          ...rest,
          model: 'models/gemini-2.5-flash',
          system_instruction: { ...(systemInstruction as Json), role: 'system' },
          generation_config: { max_output_tokens: 300, temperature: 0.2, thinking_config: { thinking_level: 'low' } },
        };
      },
    ],
    [
      'missing role, one turn in two contents, function-call ids, {result} for {output}',
      (r) => {
        const x = clone(r);
        const c = x.contents as Json[];
        c[0] = { parts: [{ text: 'Weather in Paris?' }] };
        (((c[1]!.parts as Json[])[0] as Json).functionCall as Json).id = 'call_1';
        c[2] = {
          role: 'user',
          parts: [{ functionResponse: { id: 'call_1', name: 'get_weather', response: { result: '18C' } } }],
        };
        return x;
      },
    ],
    [
      'tools in two objects, mode AUTO, empty stop sequences',
      (r) => ({
        ...r,
        tools: [{ functionDeclarations: [] }, ...(r.tools as Json[])],
        toolConfig: { functionCallingConfig: { mode: 'auto' } },
        generationConfig: { ...(r.generationConfig as Json), stopSequences: [] },
      }),
    ],
  ];
  for (const [name, vary] of legal) {
    it(`equal: ${name}`, () => expect(diff(m.request(request), m.request(vary(clone(request))))).toEqual([]));
  }
  const illegal: [string, (r: Json) => Json, RegExp][] = [
    ['generationConfig dropped', (r) => ({ ...r, generationConfig: undefined }), /generationConfig/],
    [
      'the system prompt sent as a user turn',
      (r) => ({
        ...r,
        systemInstruction: undefined,
        contents: [{ role: 'user', parts: [{ text: 'Be brief.' }] }, ...(r.contents as Json[])],
      }),
      /systemInstruction|contents/,
    ],
    [
      'a thought signature dropped',
      (r) => JSON.parse(JSON.stringify(r).replace(',"thoughtSignature":"c2ln"', '')),
      /thoughtSignature/,
    ],
    ['a schema constraint dropped', (r) => JSON.parse(JSON.stringify(r).replace(',"minimum":1', '')), /minimum/],
    [
      'a function response under another name',
      (r) =>
        JSON.parse(
          JSON.stringify(r).replace('"functionResponse":{"name":"get_weather"', '"functionResponse":{"name":"filler"'),
        ),
      /functionResponse\.name/,
    ],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () =>
      expect(diff(m.request(request), m.request(vary(clone(request)))).join('\n')).toMatch(where));
  }
});

describe('Gemini meaning: answers and streams', () => {
  const response: Json = {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Thinking…', thought: true, thoughtSignature: 'c2ln' },
            { text: 'Hello' },
            { functionCall: { name: 'f', args: { a: 1 } } },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: 5,
      candidatesTokenCount: 3,
      thoughtsTokenCount: 2,
      cachedContentTokenCount: 4,
      totalTokenCount: 10,
    },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'r1',
  };
  it('equal: a stream of the same parts, text split, usage on the last chunk; responseId and modelVersion ignored', () => {
    const chunks = [
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Think', thought: true }] }, index: 0 }],
        responseId: 'other',
      },
      {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'ing…', thought: true, thoughtSignature: 'c2ln' }] }, index: 0 },
        ],
      },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }, { text: 'lo' }] }, index: 0 }] },
      {
        candidates: [
          {
            content: { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: response.usageMetadata,
      },
    ];
    const s = m.stream(chunks);
    expect(s.end).toBe('complete');
    expect(diff(m.response(response), s.message)).toEqual([]);
  });
  it('differs: cached tokens dropped, a signature dropped, a failed stream ended as a success', () => {
    const r = clone(response);
    delete (r.usageMetadata as Json).cachedContentTokenCount;
    expect(diff(m.response(response), m.response(r)).join('\n')).toMatch(/cachedContentTokenCount/);
    const unsigned = JSON.parse(JSON.stringify(response).replace(',"thoughtSignature":"c2ln"', '')) as Json;
    expect(diff(m.response(response), m.response(unsigned)).join('\n')).toMatch(/thoughtSignature/);
    expect(
      m.stream([
        { candidates: [{ content: { parts: [{ text: 'a' }] } }] },
        { error: { code: 503, message: 'x', status: 'UNAVAILABLE' } },
      ]),
    ).toEqual({ end: 'error', error: 'UNAVAILABLE' });
  });
});
