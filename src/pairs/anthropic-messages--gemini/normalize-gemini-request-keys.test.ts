import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { normalizeGeminiRequestKeys } from './normalize-gemini-request-keys.js';

describe('normalizeGeminiRequestKeys', () => {
  it('renames proto field names to lowerCamelCase and leaves data keys alone', () => {
    const body = deepFreeze({
      generation_config: {
        thinking_config: { thinking_budget: 1024 },
        response_json_schema: { type: 'object', properties: { snake_key: {} } },
      },
      contents: [
        {
          parts: [
            { function_call: { name: 'f', args: { user_id: 1, nested_obj: { inner_key: 2 } } } },
            { function_response: { name: 'f', response: { result_value: 'x' } } },
          ],
        },
      ],
      tools: [
        {
          function_declarations: [
            {
              name: 'f',
              parameters: {
                type: 'OBJECT',
                properties: {
                  user_id: { type: 'ARRAY', min_items: '1', items: { type: 'STRING', default: { a_b: 1 } } },
                },
              },
              response: { type: 'OBJECT', property_ordering: ['a'] },
              parameters_json_schema: { additional_properties: false },
            },
          ],
        },
      ],
      labels: { team_name: 'x' },
    });
    expect(normalizeGeminiRequestKeys(body)).toEqual({
      generationConfig: {
        thinkingConfig: { thinkingBudget: 1024 },
        responseJsonSchema: { type: 'object', properties: { snake_key: {} } },
      },
      contents: [
        {
          parts: [
            { functionCall: { name: 'f', args: { user_id: 1, nested_obj: { inner_key: 2 } } } },
            { functionResponse: { name: 'f', response: { result_value: 'x' } } },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'f',
              parameters: {
                type: 'OBJECT',
                properties: {
                  user_id: { type: 'ARRAY', minItems: '1', items: { type: 'STRING', default: { a_b: 1 } } },
                },
              },
              response: { type: 'OBJECT', propertyOrdering: ['a'] },
              parametersJsonSchema: { additional_properties: false },
            },
          ],
        },
      ],
      labels: { team_name: 'x' },
    });
  });

  it('returns a lowerCamelCase request as it is, and prefers the lowerCamelCase spelling', () => {
    const camel = deepFreeze({
      contents: [{ role: 'user', parts: [{ text: 'a' }] }],
      generationConfig: { maxOutputTokens: 5 },
    });
    expect(normalizeGeminiRequestKeys(camel)).toBe(camel);
    const both = deepFreeze({ generationConfig: { maxOutputTokens: 5 }, generation_config: { maxOutputTokens: 9 } });
    expect(normalizeGeminiRequestKeys(both)).toEqual({ generationConfig: { maxOutputTokens: 5 } });
  });

  it('keeps a lowerCamelCase request whose data holds snake_case keys as it is, and finds one field deep inside', () => {
    const data = deepFreeze({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'f', args: { user_id: 1 } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result_value: 'x' } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { user_id: {} } } }] }],
      labels: { team_name: 'x' },
    });
    expect(normalizeGeminiRequestKeys(data)).toBe(data);
    const deep = deepFreeze({
      tools: [
        {
          functionDeclarations: [
            { name: 'f', parameters: { type: 'OBJECT', properties: { user_id: { type: 'ARRAY', min_items: '1' } } } },
          ],
        },
      ],
    });
    expect(normalizeGeminiRequestKeys(deep)).toEqual({
      tools: [
        {
          functionDeclarations: [
            { name: 'f', parameters: { type: 'OBJECT', properties: { user_id: { type: 'ARRAY', minItems: '1' } } } },
          ],
        },
      ],
    });
  });
});
