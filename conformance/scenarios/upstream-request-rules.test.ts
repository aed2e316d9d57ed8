import { describe, expect, it } from 'vitest';
import { upstreamRequestProblems } from './upstream-request-rules.js';

const anthropic = { model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] };
const { model: _model, ...claudeBody } = anthropic;
const invoke = { anthropic_version: 'bedrock-2023-05-31', ...claudeBody };
const vertex = { anthropic_version: 'vertex-2023-10-16', ...claudeBody, stream: true };
const gemini = { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] };
const converse = { messages: [{ role: 'user', content: [{ text: 'Hello' }] }], inferenceConfig: { maxTokens: 100 } };

const base64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

describe('upstreamRequestProblems', () => {
  it('accepts valid bodies of every format and token-count endpoint', () => {
    expect(upstreamRequestProblems('anthropic-messages', anthropic)).toEqual([]);
    expect(
      upstreamRequestProblems(
        'anthropic-messages',
        { model: 'claude-x', messages: anthropic.messages },
        '2023-06-01',
        'count_tokens',
      ),
    ).toEqual([]);
    expect(
      upstreamRequestProblems('openai-chat', { model: 'gpt-x', messages: [{ role: 'user', content: 'Hello' }] }),
    ).toEqual([]);
    expect(upstreamRequestProblems('gemini', gemini)).toEqual([]);
    expect(upstreamRequestProblems('gemini', { contents: gemini.contents }, undefined, 'count_tokens')).toEqual([]);
    expect(upstreamRequestProblems('bedrock-converse', converse)).toEqual([]);
    expect(
      upstreamRequestProblems(
        'bedrock-converse',
        { input: { converse: { messages: converse.messages } } },
        undefined,
        'count_tokens',
      ),
    ).toEqual([]);
    expect(upstreamRequestProblems('bedrock-invoke', invoke)).toEqual([]);
    expect(
      upstreamRequestProblems(
        'bedrock-invoke',
        { input: { invokeModel: { body: base64(invoke) } } },
        undefined,
        'count_tokens',
      ),
    ).toEqual([]);
    expect(upstreamRequestProblems('vertex-anthropic', vertex)).toEqual([]);
    expect(
      upstreamRequestProblems(
        'vertex-anthropic',
        { anthropic_version: 'vertex-2023-10-16', model: 'claude-x', messages: anthropic.messages },
        undefined,
        'count_tokens',
      ),
    ).toEqual([]);
  });

  it('keeps the Anthropic and OpenAI rules', () => {
    expect(upstreamRequestProblems('anthropic-messages', { ...anthropic, temperature: 0.5 }, '2026-10-21')).toEqual([
      'temperature: temperature: is not supported in anthropic-version 2026-10-21',
    ]);
    expect(
      upstreamRequestProblems('openai-chat', {
        model: 'gpt-x',
        messages: [{ role: 'user', content: 'x' }],
        stream_options: { include_usage: true },
      }),
    ).toEqual(["stream_options: The 'stream_options' parameter is only allowed when 'stream' is enabled."]);
  });

  describe('gemini', () => {
    it('reports the spec and the service rules: consecutive roles, unsupported schema keywords, exclusive thinking settings', () => {
      expect(upstreamRequestProblems('gemini', { contents: 'hi' })[0]).toMatch(/^contents: /);
      expect(upstreamRequestProblems('gemini', { contents: [...gemini.contents, ...gemini.contents] })).toEqual([
        'contents[1].role: consecutive turns of role "user": roles must alternate',
      ]);
      const tools = [
        {
          functionDeclarations: [
            {
              name: 'f',
              parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, additionalProperties: false },
            },
          ],
        },
      ];
      expect(upstreamRequestProblems('gemini', { ...gemini, tools })).toEqual([
        `tools[0].function_declarations[0].parameters: Invalid JSON payload received. Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
      ]);
      const generationConfig = { thinkingConfig: { thinkingBudget: 1024, thinkingLevel: 'HIGH' } };
      expect(upstreamRequestProblems('gemini', { ...gemini, generationConfig })).toEqual([
        'generationConfig.thinkingConfig: thinking_budget and thinking_level cannot both be set',
      ]);
    });
    it('checks a countTokens body as countTokens, not as generateContent', () => {
      expect(upstreamRequestProblems('gemini', { ...gemini, generationConfig: {} }, undefined, 'count_tokens')).toEqual(
        ['generationConfig: Invalid JSON payload received. Unknown name "generationConfig": Cannot find field.'],
      );
    });
  });

  describe('bedrock-converse', () => {
    it('reports the spec and the service rules: alternation, first turn user, tool blocks without toolConfig', () => {
      expect(
        upstreamRequestProblems('bedrock-converse', { messages: [{ role: 'robot', content: [{ text: 'x' }] }] }).some(
          (p) => p.startsWith('messages[0].role: '),
        ),
      ).toBe(true);
      expect(
        upstreamRequestProblems('bedrock-converse', { messages: [converse.messages[0], converse.messages[0]] }),
      ).toEqual(['messages[1].role: A conversation must alternate between user and assistant roles.']);
      const withTools = {
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'r' }] } }] },
        ],
      };
      expect(upstreamRequestProblems('bedrock-converse', withTools)).toEqual([
        'toolConfig: The toolConfig field must be defined when using toolUse and toolResult content blocks.',
      ]);
    });
  });

  describe('bedrock-invoke', () => {
    it('wants anthropic_version and neither model nor stream in the body', () => {
      const { anthropic_version: _v, ...noVersion } = invoke;
      expect(upstreamRequestProblems('bedrock-invoke', noVersion)).toContain(
        'anthropic_version: Malformed input request: #: required key [anthropic_version] not found',
      );
      expect(upstreamRequestProblems('bedrock-invoke', { ...invoke, model: 'claude-x' })).toContain(
        'model: Malformed input request: #: extraneous key [model] is not permitted',
      );
      expect(upstreamRequestProblems('bedrock-invoke', { ...invoke, stream: true })).toContain(
        'stream: Malformed input request: #: extraneous key [stream] is not permitted',
      );
    });
    it('holds the body to the Anthropic rules, under the API version the body names', () => {
      const assistantFirst = { ...invoke, messages: [{ role: 'assistant', content: 'Hi' }] };
      expect(upstreamRequestProblems('bedrock-invoke', assistantFirst).some((p) => /user/.test(p))).toBe(true);
      const bigBudget = { ...invoke, thinking: { type: 'enabled', budget_tokens: 2048 } };
      expect(upstreamRequestProblems('bedrock-invoke', bigBudget)).toEqual([
        'thinking.budget_tokens: `max_tokens` must be greater than `thinking.budget_tokens`',
      ]);
      expect(upstreamRequestProblems('bedrock-invoke', { ...invoke, temperature: 0.5 })).toEqual([]);
      expect(
        upstreamRequestProblems('bedrock-invoke', { ...invoke, anthropic_version: '2026-10-21', temperature: 0.5 }),
      ).toEqual(['temperature: temperature: is not supported in anthropic-version 2026-10-21']);
    });
    it('checks a CountTokens body by its own shape', () => {
      expect(upstreamRequestProblems('bedrock-invoke', invoke, undefined, 'count_tokens')[0]).toMatch(/Unknown field/);
      expect(
        upstreamRequestProblems(
          'bedrock-invoke',
          { input: { invokeModel: { body: base64({ ...invoke, model: 'm' }) } } },
          undefined,
          'count_tokens',
        ),
      ).toEqual(['input.invokeModel.body.model: Malformed input request: #: extraneous key [model] is not permitted']);
    });
  });

  describe('vertex-anthropic', () => {
    it('wants anthropic_version and no model in the body, and keeps stream', () => {
      const { anthropic_version: _v, ...noVersion } = vertex;
      expect(upstreamRequestProblems('vertex-anthropic', noVersion)).toContain(
        'anthropic_version: anthropic_version: Field required',
      );
      expect(upstreamRequestProblems('vertex-anthropic', { ...vertex, model: 'claude-x' })).toContain(
        'model: model: Extra inputs are not permitted',
      );
    });
    it('holds the body to the Anthropic rules, under the API version the body names', () => {
      const emptyText = { ...vertex, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] };
      expect(upstreamRequestProblems('vertex-anthropic', emptyText).length).toBeGreaterThan(0);
      expect(
        upstreamRequestProblems('vertex-anthropic', { ...vertex, anthropic_version: '2026-10-21', top_k: 5 }),
      ).toEqual(['top_k: top_k: is not supported in anthropic-version 2026-10-21']);
    });
    it('checks a count-tokens body, which keeps model', () => {
      expect(
        upstreamRequestProblems(
          'vertex-anthropic',
          { anthropic_version: 'vertex-2023-10-16', messages: anthropic.messages },
          undefined,
          'count_tokens',
        ),
      ).toContain('model: model: Field required');
    });
  });

  it('reports a body that is not an object', () => {
    expect(upstreamRequestProblems('gemini', 'text').length).toBeGreaterThan(0);
    expect(upstreamRequestProblems('bedrock-converse', [], undefined, 'count_tokens')).toEqual([
      '<root>: the body is not a JSON object',
    ]);
  });
});
