import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { validateRequest, validateResponse, validateStreamEvent } from '../../src/validate/index.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { foldConverseEvents } from '../arbitraries/fold-converse-events.js';
import { foldGeminiChunks } from '../arbitraries/fold-gemini-chunks.js';
import { foldResponsesEvents } from '../arbitraries/fold-responses-events.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { renderAnthropicEvents } from '../arbitraries/render-anthropic-events.js';
import { renderBedrockInvokeEvents } from '../arbitraries/render-bedrock-invoke-events.js';
import { renderConverseEvents } from '../arbitraries/render-converse-events.js';
import { renderGeminiChunks } from '../arbitraries/render-gemini-chunks.js';
import { renderOpenAIChunks } from '../arbitraries/render-openai-chunks.js';
import { renderResponsesEvents } from '../arbitraries/render-responses-events.js';
import { anthropicResponse, openaiResponse } from '../arbitraries/responses.js';
import { responsesRequest } from '../arbitraries/responses-request.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkConverseStream } from '../checkers/check-converse-stream.js';
import { checkGeminiStream } from '../checkers/check-gemini-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { checkResponsesStream } from '../checkers/check-responses-stream.js';
import { errorsOnly } from '../checkers/violation.js';
import { upstreamRequestProblems } from '../scenarios/upstream-request-rules.js';
import { params, timeout } from './runs.js';

// The generators must produce valid input, or every other property proves nothing.
describe('arbitraries are valid by construction', () => {
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'rendered Anthropic event sequences obey the grammar',
    (s) => {
      expect(errorsOnly(checkAnthropicStream(renderAnthropicEvents(s)))).toEqual([]);
    },
    timeout(),
  );

  test.prop([streamScript({ textAfterTools: true })], params())(
    'rendered OpenAI chunk sequences obey the grammar',
    (s) => {
      // usage on the finish chunk is what several OpenAI-compatible servers send (not OpenAI itself): allowed only there
      const allowed = (rule: string) => s.openaiUsage === 'with-finish' && rule === 'usage-chunk-shape';
      expect(errorsOnly(checkOpenAIChunks(renderOpenAIChunks(s))).filter((v) => !allowed(v.rule))).toEqual([]);
    },
    timeout(),
  );

  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'rendered Gemini chunks obey the grammar',
    (s) => {
      // streamed arguments are legal when the request asked for them, which the script says
      expect(errorsOnly(checkGeminiStream(renderGeminiChunks(s), { streamedArguments: s.geminiStreamedArgs }))).toEqual(
        [],
      );
    },
    timeout(),
  );

  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'rendered ConverseStream events obey the grammar',
    (s) => {
      expect(errorsOnly(checkConverseStream(renderConverseEvents(s)))).toEqual([]);
    },
    timeout(),
  );

  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'rendered Bedrock InvokeModel events obey the Anthropic grammar',
    (s) => {
      expect(errorsOnly(checkAnthropicStream(renderBedrockInvokeEvents(s)))).toEqual([]);
    },
    timeout(),
  );

  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'rendered Responses event sequences obey the grammar',
    (s) => {
      expect(errorsOnly(checkResponsesStream(renderResponsesEvents(s)))).toEqual([]);
    },
    timeout(),
  );

  test.prop([streamScript({ thinking: true })], params())(
    'tool fragments concatenate to the tool input',
    (s) => {
      for (const b of s.blocks) if (b.kind === 'tool') expect(JSON.parse(b.fragments.join(''))).toEqual(b.input);
    },
    timeout(),
  );
});

describe('arbitraries pass the spec validators', () => {
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params())(
    'Anthropic requests',
    (r) => {
      expect(validateRequest('anthropic-messages', r).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([openaiRequest({ images: true, openaiOnly: true })], params())(
    'OpenAI requests',
    (r) => {
      expect(validateRequest('openai-chat', r).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([responsesRequest({ images: true, reasoning: true, responsesOnly: true })], params())(
    'Responses requests (spec and the strict mock rules)',
    (r) => {
      expect(validateRequest('openai-responses', r).errors).toEqual([]);
      expect(upstreamRequestProblems('openai-responses', r)).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'Responses stream events and their fold (a response object)',
    (s) => {
      const events = renderResponsesEvents(s);
      for (const e of events) expect(validateStreamEvent('openai-responses', e).errors).toEqual([]);
      expect(validateResponse('openai-responses', foldResponsesEvents(events).message).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([anthropicResponse()], params())(
    'Anthropic responses',
    (r) => {
      expect(validateResponse('anthropic-messages', r).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([openaiResponse()], params())(
    'OpenAI responses',
    (r) => {
      expect(validateResponse('openai-chat', r).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'Anthropic stream events',
    (s) => {
      for (const e of renderAnthropicEvents(s)) expect(validateStreamEvent('anthropic-messages', e).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ textAfterTools: true })], params())(
    'OpenAI stream chunks',
    (s) => {
      for (const e of renderOpenAIChunks(s)) expect(validateStreamEvent('openai-chat', e).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'Gemini stream chunks and their fold (a generateContent response)',
    (s) => {
      const chunks = renderGeminiChunks(s);
      for (const e of chunks) expect(validateStreamEvent('gemini', e).errors).toEqual([]);
      expect(validateResponse('gemini', foldGeminiChunks(chunks).message).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'ConverseStream events and their fold (a Converse response)',
    (s) => {
      const events = renderConverseEvents(s);
      for (const e of events) expect(validateStreamEvent('bedrock-converse', e).errors).toEqual([]);
      expect(validateResponse('bedrock-converse', foldConverseEvents(events).message).errors).toEqual([]);
    },
    timeout(),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true })], params())(
    'Bedrock InvokeModel stream events',
    (s) => {
      for (const e of renderBedrockInvokeEvents(s)) expect(validateStreamEvent('bedrock-invoke', e).errors).toEqual([]);
    },
    timeout(),
  );
});

describe('the checkers are not blind (sanity)', () => {
  test.prop([streamScript({ thinking: true })], params(0.3))(
    'a dropped message_stop is reported',
    (s) => {
      const events = renderAnthropicEvents(s).filter((e) => e.type !== 'message_stop');
      expect(errorsOnly(checkAnthropicStream(events)).length).toBeGreaterThan(0);
    },
    timeout(0.3),
  );
  test.prop([streamScript({}), fc.nat()], params(0.3))(
    'a dropped [DONE] is reported',
    (s) => {
      expect(errorsOnly(checkOpenAIChunks(renderOpenAIChunks(s).slice(0, -1))).length).toBeGreaterThan(0);
    },
    timeout(0.3),
  );
  test.prop([streamScript({ thinking: true, textAfterTools: true }), fc.nat()], params(0.3))(
    'a Responses stream without its terminal event, or with a gap in its sequence numbers, is reported',
    (s, pick) => {
      const events = renderResponsesEvents(s);
      expect(errorsOnly(checkResponsesStream(events.slice(0, -1))).map((v) => v.rule)).toContain('no-terminal');
      const at = 1 + (pick % (events.length - 1));
      const gap = events.filter((_, i) => i !== at);
      expect(errorsOnly(checkResponsesStream(gap)).length).toBeGreaterThan(0);
    },
    timeout(0.3),
  );
});
