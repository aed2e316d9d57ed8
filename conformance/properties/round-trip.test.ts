import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { responsesRequest } from '../arbitraries/responses-request.js';
import {
  ANTHROPIC_TO_OPENAI_LOSSES,
  ANTHROPIC_TO_RESPONSES_LOSSES,
  judgeLosses,
  OPENAI_TO_ANTHROPIC_LOSSES,
  RESPONSES_TO_ANTHROPIC_LOSSES,
} from './allowed-losses.js';
import { withoutPaths } from './json-path-ops.js';
import { normalizeAnthropicRequest, normalizeOpenAIRequest, normalizeResponsesRequest } from './normalize-requests.js';
import { params, timeout } from './runs.js';

// A -> B -> A gives back A, minus what the pair may lose (allowed-losses.ts: stated per direction, each allowed loss
// reported, every field B has no place for reported whenever A has it), under the normal forms of normalize-requests.ts.
describe('round trip of requests', () => {
  test.prop([anthropicRequest({ images: true, anthropicOnly: true })], params())(
    'Anthropic -> OpenAI -> Anthropic',
    (a) => {
      const there = translateRequest('anthropic-messages', 'openai-chat', a);
      const back = translateRequest('openai-chat', 'anthropic-messages', there.body);
      const v = judgeLosses(
        a,
        there.losses.map((l) => l.path),
        ANTHROPIC_TO_OPENAI_LOSSES,
      );
      expect(v.problems).toEqual([]);
      expect(normalizeAnthropicRequest(back.body)).toEqual(normalizeAnthropicRequest(v.expected));
    },
    timeout(),
  );

  test.prop([anthropicRequest({ thinking: true, blocksOnly: true })], params(0.5))(
    'Anthropic -> OpenAI -> Anthropic keeps thinking blocks and their signatures',
    (a) => {
      const there = translateRequest('anthropic-messages', 'openai-chat', a);
      const back = translateRequest('openai-chat', 'anthropic-messages', there.body);
      const thinking = (r: unknown) => JSON.stringify(r).match(/"signature":"[^"]*"/g) ?? [];
      expect(thinking(back.body)).toEqual(thinking(a));
    },
    timeout(0.5),
  );

  test.prop([openaiRequest({ images: true })], params())(
    'OpenAI -> Anthropic -> OpenAI',
    (a) => {
      const there = translateRequest('openai-chat', 'anthropic-messages', a);
      const back = translateRequest('anthropic-messages', 'openai-chat', there.body);
      const v = judgeLosses(
        a,
        there.losses.map((l) => l.path),
        OPENAI_TO_ANTHROPIC_LOSSES,
      );
      expect(v.problems).toEqual([]);
      const expected = v.expected as Record<string, unknown>;
      const actual = normalizeOpenAIRequest(back.body) as Record<string, unknown>;
      // a Chat request without a limit gets Anthropic's required max_tokens on the way: not part of A
      if (expected.max_tokens === undefined && expected.max_completion_tokens === undefined)
        delete actual.max_completion_tokens;
      expect(actual).toEqual(normalizeOpenAIRequest(expected));
    },
    timeout(),
  );
});

describe('round trip of Responses requests', () => {
  test.prop([responsesRequest({ images: true, reasoning: true, responsesOnly: true })], params())(
    'Responses -> Anthropic -> Responses',
    (a) => {
      const there = translateRequest('openai-responses', 'anthropic-messages', a);
      const back = translateRequest('anthropic-messages', 'openai-responses', there.body);
      const v = judgeLosses(
        a,
        there.losses.map((l) => l.path),
        RESPONSES_TO_ANTHROPIC_LOSSES,
      );
      expect(v.problems).toEqual([]);
      const expected = v.expected as Record<string, unknown>;
      const actual = normalizeResponsesRequest(back.body) as Record<string, unknown>;
      // a request without a limit gets Anthropic's required max_tokens on the way: not part of A
      if (expected.max_output_tokens === undefined) delete actual.max_output_tokens;
      // a setting allowed lost (or changed: a capped thinking budget) is not compared on the way back either
      for (const l of there.losses) {
        const top = l.path.split(/[.[]/)[0]!;
        if (top !== 'input' && top !== 'tools') delete actual[top];
      }
      expect(actual).toEqual(normalizeResponsesRequest(expected));
    },
    timeout(),
  );

  test.prop([anthropicRequest({ images: true, anthropicOnly: true })], params())(
    'Anthropic -> Responses -> Anthropic',
    (a) => {
      const there = translateRequest('anthropic-messages', 'openai-responses', a);
      const back = translateRequest('openai-responses', 'anthropic-messages', there.body);
      const v = judgeLosses(
        a,
        there.losses.map((l) => l.path),
        ANTHROPIC_TO_RESPONSES_LOSSES,
      );
      expect(v.problems).toEqual([]);
      // a field sent with a changed value (max_tokens below Responses' minimum) is compared on neither side
      const actual = withoutPaths(back.body, v.changed);
      expect(normalizeAnthropicRequest(actual)).toEqual(normalizeAnthropicRequest(v.expected));
    },
    timeout(),
  );

  test.prop([responsesRequest({ reasoning: true })], params(0.5))(
    'a Responses client replays reasoning to Anthropic: encrypted_content is the signature, byte for byte',
    (a) => {
      const there = translateRequest('openai-responses', 'anthropic-messages', a);
      const sent = (a.input as Array<Record<string, unknown>>)
        .filter((i) => i.type === 'reasoning')
        .map((i) => i.encrypted_content);
      const got = JSON.stringify(there.body).match(/"signature":"[^"]*"/g) ?? [];
      expect(got).toEqual(sent.map((s) => `"signature":${JSON.stringify(s)}`));
    },
    timeout(0.5),
  );

  test.prop(
    [anthropicRequest({ thinking: true, blocksOnly: true }), fc.stringMatching(/^rs_[a-f0-9]{6,12}$/)],
    params(0.5),
  )(
    'an Anthropic client replays thinking from a Responses upstream: id and encrypted_content come back byte for byte',
    (a, id) => {
      // thinking blocks as they came from a Responses upstream: signature base64(`responses-reasoning\n<id>\n<enc>`)
      const signed = JSON.parse(
        JSON.stringify(a).replace(
          /"signature":"([^"]*)"/g,
          (_, enc: string) => `"signature":"${btoa(`responses-reasoning\n${id}\n${enc}`)}"`,
        ),
      );
      const there = translateRequest('anthropic-messages', 'openai-responses', signed);
      const reasoning = (there.body as { input: Array<Record<string, unknown>> }).input.filter(
        (i) => i.type === 'reasoning',
      );
      const expected = (JSON.stringify(a).match(/"signature":"[^"]*"/g) ?? []).map(
        (s) => JSON.parse(`{${s}}`).signature as string,
      );
      expect(reasoning.map((r) => [r.id, r.encrypted_content])).toEqual(expected.map((e) => [id, e]));
      const back = translateRequest('openai-responses', 'anthropic-messages', there.body);
      expect(JSON.stringify(back.body).match(/"signature":"[^"]*"/g) ?? []).toEqual(
        expected.map((e) => `"signature":${JSON.stringify(e)}`),
      );
    },
    timeout(0.5),
  );
});
