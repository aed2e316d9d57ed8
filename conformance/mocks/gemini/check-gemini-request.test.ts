import { describe, expect, it } from 'vitest';
import { checkGeminiRequest } from './check-gemini-request.js';

const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
const withTool = (declaration: Record<string, unknown>) => ({
  contents,
  tools: [{ functionDeclarations: [declaration] }],
});
const paths = (body: Record<string, unknown>) => checkGeminiRequest(body).map((v) => v.path);

describe('checkGeminiRequest', () => {
  it('accepts a well-formed request', () => {
    const body = {
      ...withTool({
        name: 'ns.get_weather:v1-2',
        parameters: { type: 'OBJECT', properties: { unit: { type: 'STRING', enum: ['c', 'f'] } } },
      }),
      generationConfig: { stopSequences: ['a', 'b', 'c', 'd', 'e'] },
    };
    expect(checkGeminiRequest(body)).toEqual([]);
  });

  it('accepts the grounding tools as Gemini does, with only their own settings', () => {
    const range = { startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z' };
    expect(
      checkGeminiRequest({
        contents,
        tools: [{ googleSearch: {} }, { urlContext: {} }, { googleSearch: { timeRangeFilter: range } }],
      }),
    ).toEqual([]);
    expect(
      paths({
        contents,
        tools: [
          { googleSearch: { maxUses: 2 } },
          { urlContext: { allowedDomains: ['a.example'] } },
          { googleSearch: { timeRangeFilter: { startTime: range.startTime } } },
        ],
      }),
    ).toEqual([
      'tools[0].googleSearch.maxUses',
      'tools[1].urlContext.allowedDomains',
      'tools[2].googleSearch.timeRangeFilter',
    ]);
  });

  it('rejects enum on schemas that are not STRING (nested too), and on schemas without a type', () => {
    const schema = {
      type: 'OBJECT',
      properties: {
        n: { type: 'INTEGER', enum: ['1', '2'] },
        list: { type: 'ARRAY', items: { type: 'NUMBER', enum: ['1.5'] } },
        any: { enum: ['x'] },
        s: { type: 'STRING', enum: ['ok'] },
      },
    };
    expect(checkGeminiRequest(withTool({ name: 'f', parameters: schema }))).toEqual([
      {
        path: 'tools[0].functionDeclarations[0].parameters.properties.n.enum',
        message: 'only allowed for STRING type',
      },
      {
        path: 'tools[0].functionDeclarations[0].parameters.properties.list.items.enum',
        message: 'only allowed for STRING type',
      },
      {
        path: 'tools[0].functionDeclarations[0].parameters.properties.any.enum',
        message: 'only allowed for STRING type',
      },
    ]);
  });

  it('rejects more than 5 stop sequences', () => {
    expect(paths({ contents, generationConfig: { stopSequences: ['1', '2', '3', '4', '5', '6'] } })).toEqual([
      'generationConfig.stopSequences',
    ]);
  });

  it("rejects function names outside Gemini's pattern: first character, characters, length", () => {
    for (const name of ['_private', 'a', 'A.b:c-d_9', 'x'.repeat(64)]) expect(paths(withTool({ name }))).toEqual([]);
    for (const name of ['1tool', '-tool', '.tool', 'get weather', 'get/weather', 'wetter_ä', 'x'.repeat(65), '']) {
      expect(paths(withTool({ name }))).toEqual(['tools[0].functionDeclarations[0].name']);
    }
  });
});
