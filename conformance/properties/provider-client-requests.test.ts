import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { MessageCreateParams } from '../../generated/anthropic-messages/types.gen.js';
import type { FormatId } from '../../src/core/formats.js';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { converseRequest } from '../arbitraries/converse-request.js';
import { geminiRequest, snakeCaseGeminiFields } from '../arbitraries/gemini-request.js';
import { upstreamRequestProblems } from '../scenarios/upstream-request-rules.js';
import { withoutPaths } from './json-path-ops.js';
import {
  clientSignatures,
  declaredClientLossPaths,
  normalizeProviderClientRequest,
  PROVIDER_CLIENTS,
  type ProviderClient,
} from './normalize-provider-client-requests.js';
import { params, timeout } from './runs.js';

/** The model the client names in its URL (provider bodies do not carry it). */
const MODEL = 'claude-sonnet-4-5';

/**
 * A request as each provider's client sends it. InvokeModel and Vertex bodies are Anthropic bodies (with
 * `anthropic_version`, without `model` and `stream`): derived from `anthropicRequest()` with crosswire's own
 * Messages -> provider translation. Each is checked against its own provider's spec and strict-mock rules first.
 */
function providerClientRequest(format: ProviderClient): fc.Arbitrary<Record<string, unknown>> {
  switch (format) {
    case 'gemini':
      return geminiRequest({ thinking: true, images: true, callIds: true }) as fc.Arbitrary<Record<string, unknown>>;
    case 'bedrock-converse':
      return converseRequest({ reasoning: true, images: true, cachePoints: true }) as fc.Arbitrary<
        Record<string, unknown>
      >;
    case 'bedrock-invoke':
    case 'vertex-anthropic':
      return anthropicRequest({ thinking: true, images: true, anthropicOnly: true }).map(
        (a) =>
          translateRequest<FormatId, FormatId>('anthropic-messages', format, acceptedWithThinking(a)).body as Record<
            string,
            unknown
          >,
      );
  }
}

/**
 * `anthropicRequest()` varies thinking and sampling independently; Claude (on Bedrock and Vertex too) refuses
 * thinking with `top_k`, a `temperature` other than 1, `top_p` below 0.95 or a forced tool choice, so an InvokeModel
 * or Vertex client cannot send those together: they are left out when thinking is on.
 */
function acceptedWithThinking(a: MessageCreateParams): MessageCreateParams {
  if (a.thinking?.type !== 'enabled') return a;
  const { top_k: _k, ...out } = a;
  if (out.temperature !== undefined && out.temperature !== 1) delete out.temperature;
  if (out.top_p !== undefined && out.top_p < 0.95) delete out.top_p;
  if (out.tool_choice?.type === 'any' || out.tool_choice?.type === 'tool') delete out.tool_choice;
  return out;
}

// A provider-format client's valid request becomes a request Anthropic accepts (spec + the strict mock's turn and
// parameter rules, API version 2023-06-01), and, through the hub, one OpenAI accepts (spec + `checkOpenAIRequest`).
describe.each(PROVIDER_CLIENTS)('%s client requests are accepted upstream', (format) => {
  test.prop([providerClientRequest(format), spelling(format)], params(0.5))(
    'provider -> Anthropic Messages and provider -> OpenAI Chat',
    (req, snake) => {
      // the client's request is one its own provider accepts (for Gemini and Converse this is also
      // provider-client-arbitraries-valid.test.ts; InvokeModel and Vertex bodies are derived, so checked here)
      expect(upstreamRequestProblems(format, req)).toEqual([]);
      const sent = snake ? snakeCaseGeminiFields(req) : req;
      const anthropic = translateRequest<FormatId, FormatId>(format, 'anthropic-messages', sent, {
        model: MODEL,
        anthropicVersion: '2023-06-01',
      });
      expect(upstreamRequestProblems('anthropic-messages', anthropic.body, '2023-06-01')).toEqual([]);
      const openai = translateRequest<FormatId, FormatId>(format, 'openai-chat', sent, { model: 'gpt-4o' });
      expect(upstreamRequestProblems('openai-chat', openai.body)).toEqual([]);
    },
    timeout(0.5),
  );
});

/**
 * Gemini clients send field names in lowerCamelCase or in snake_case (both are valid for the API; the strict mock's
 * rules read lowerCamelCase, so the request is generated, and checked, in lowerCamelCase and sent either way).
 */
function spelling(format: ProviderClient): fc.Arbitrary<boolean> {
  return format === 'gemini' ? fc.boolean() : fc.constant(false);
}

/**
 * provider -> Messages -> provider; the URL carries the model there and back. Loss paths name lowerCamelCase
 * fields, so they apply to the request as generated.
 */
function roundTrip(format: ProviderClient, req: Record<string, unknown>, snake = false) {
  const there = translateRequest<FormatId, FormatId>(
    format,
    'anthropic-messages',
    snake ? snakeCaseGeminiFields(req) : req,
    {
      model: MODEL,
    },
  );
  const back = translateRequest<FormatId, FormatId>('anthropic-messages', format, there.body);
  return { there, back, declared: declaredClientLossPaths(there.losses, back.losses) };
}

// provider -> Messages -> provider gives back the client's request minus what either way declared lost, under the
// normal forms of normalize-provider-client-requests.ts. Thinking signatures come back byte for byte, in order.
describe.each(PROVIDER_CLIENTS)('round trip of %s client requests through Messages', (format) => {
  test.prop([providerClientRequest(format), spelling(format)], params(0.5))(
    'provider -> Anthropic -> provider',
    (req, snake) => {
      const { back, declared } = roundTrip(format, req, snake);
      expect(declared.unexplained).toEqual([]);
      const expected = withoutPaths(req, declared.expected);
      const actual = withoutPaths(back.body, declared.both);
      expect(normalizeProviderClientRequest(format, actual)).toEqual(normalizeProviderClientRequest(format, expected));
    },
    timeout(0.5),
  );

  test.prop([providerClientRequest(format)], params(0.25))(
    'thinking signatures survive byte for byte',
    (req) => {
      const { back, declared } = roundTrip(format, req);
      // nothing the arbitraries generate makes a translator drop a signature
      expect(declared.expected.filter((p) => p.includes('['))).toEqual([]);
      expect(clientSignatures(format, back.body)).toEqual(clientSignatures(format, req));
    },
    timeout(0.25),
  );
});
