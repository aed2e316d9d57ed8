import { describe, expect, it } from 'vitest';
import { upstreamRequestProblems } from '../../scenarios/upstream-request-rules.js';
import { createGeminiMock } from './create-gemini-mock.js';
import { readGeminiJson } from './read-gemini-json.js';

const contents = [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }];
const upper = { type: 'OBJECT', properties: { city: { type: 'STRING', enum: ['Paris', 'Oslo'] } }, required: ['city'] };
const lower = { type: 'object', properties: { city: { type: 'string', enum: ['Paris', 'Oslo'] } }, required: ['city'] };
const tool = (declaration: Record<string, unknown>) => ({
  contents,
  tools: [{ functionDeclarations: [{ name: 'get_weather', ...declaration }] }],
});
const problems = (body: unknown) => upstreamRequestProblems('gemini', body);

describe('readGeminiJson: what Google accepts, before the rules', () => {
  it('reads snake_case proto names as the camelCase fields and enum values in any case', () => {
    expect(
      readGeminiJson({
        contents,
        system_instruction: { parts: [{ text: 's' }] },
        generation_config: { max_output_tokens: 5, thinking_config: { thinking_level: 'low' } },
      }),
    ).toEqual({
      contents,
      systemInstruction: { parts: [{ text: 's' }] },
      generationConfig: { maxOutputTokens: 5, thinkingConfig: { thinkingLevel: 'LOW' } },
    });
    // free-form values (function arguments, JSON Schemas) are left alone
    const call = {
      contents: [{ role: 'model', parts: [{ functionCall: { name: 'f', args: { snake_key: 'low' } } }] }],
    };
    expect(readGeminiJson(call)).toEqual(call);
  });

  it('the rules accept lowercase schema types and enum values, parametersJsonSchema and responseJsonSchema', () => {
    expect(problems(tool({ parameters: upper }))).toEqual([]);
    expect(problems(tool({ parameters: lower }))).toEqual([]);
    expect(
      problems(
        tool({
          parametersJsonSchema: {
            ...lower,
            additionalProperties: false,
            $schema: 'https://json-schema.org/draft/2020-12/schema',
          },
        }),
      ),
    ).toEqual([]);
    expect(
      problems({ ...tool({ parameters: lower }), toolConfig: { functionCallingConfig: { mode: 'any' } } }),
    ).toEqual([]);
    expect(
      problems({ contents, generationConfig: { responseMimeType: 'application/json', responseJsonSchema: lower } }),
    ).toEqual([]);
    expect(
      problems({ contents, generationConfig: { responseMimeType: 'application/json', responseSchema: lower } }),
    ).toEqual([]);
    expect(problems({ contents, generationConfig: { thinkingConfig: { thinkingLevel: 'high' } } })).toEqual([]);
  });

  it('and still reject what Google rejects: unknown types and enum values, JSON Schema keywords in `parameters`, both forms at once', () => {
    expect(problems(tool({ parameters: { ...lower, type: 'objekt' } })).join('\n')).toMatch(
      /tools\[0\]\.functionDeclarations\[0\]\.parameters\.type/,
    );
    expect(problems(tool({ parameters: { ...lower, additionalProperties: false } })).join('\n')).toMatch(
      /Unknown name "additionalProperties"/,
    );
    expect(problems(tool({ parameters: lower, parametersJsonSchema: lower })).join('\n')).toMatch(/exclusive/);
    expect(
      problems({ ...tool({ parameters: lower }), toolConfig: { functionCallingConfig: { mode: 'sometimes' } } }).join(
        '\n',
      ),
    ).toMatch(/mode/);
    expect(
      problems({ contents, generationConfig: { thinkingConfig: { thinkingLevel: 'extreme' } } }).join('\n'),
    ).toMatch(/thinkingLevel/);
    expect(
      problems({
        contents: [{ role: 'user', parts: [{ text: 'a', inline_data: { mime_type: 'image/png', data: 'AA==' } }] }],
      }).join('\n'),
    ).toMatch(/exactly one data field/);
  });

  it('the Gemini mock answers a request written the way Google’s REST examples write it', async () => {
    const mock = createGeminiMock();
    const body = {
      contents,
      tools: [{ function_declarations: [{ name: 'get_weather', parameters: lower }] }],
      tool_config: { function_calling_config: { mode: 'any' } },
    };
    const res = await mock(
      new Request('https://generativelanguage.test/v1beta/models/gemini-2.5-flash:generateContent', {
        method: 'POST',
        headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      candidates: { content: { parts: { functionCall?: { name: string } }[] } }[];
    };
    // mode ANY was read: the scripted model calls the tool
    expect(answer.candidates[0]!.content.parts.some((p) => p.functionCall?.name === 'get_weather')).toBe(true);
  });
});
