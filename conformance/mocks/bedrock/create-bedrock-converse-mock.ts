import { encodeConverseEvent } from '../../../src/formats/bedrock-converse/codec.js';
import { parseBedrockConversePath } from '../../../src/formats/bedrock-converse/target.js';
import { bedrockErrorBody, bedrockStreamExceptionForStatus } from '../../../src/formats/bedrock-invoke/errors.js';
import { chunkText } from '../../scripted-model/chunk-text.js';
import { runScriptedModel } from '../../scripted-model/run-scripted-model.js';
import type { Script } from '../../scripted-model/script.js';
import { agentViolations } from '../agent-views.js';
import { createMockProvider } from '../create-mock-provider.js';
import type { MockOptions, MockProvider } from '../mock-types.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { unknownFieldViolations } from '../strict-fields.js';
import { bedrockCountTokensEndpoint } from './bedrock-count-tokens-endpoint.js';
import { checkBedrockAuth } from './check-bedrock-auth.js';
import { checkConverseRequest } from './check-converse-request.js';
import { conversePrompt } from './converse-prompt.js';

const DEFAULT_CHUNK_SIZE = 16;
type Json = Record<string, unknown>;

const usage = (s: Script) => ({
  inputTokens: s.usage.inputTokens,
  outputTokens: s.usage.outputTokens,
  totalTokens: s.usage.inputTokens + s.usage.outputTokens,
});

function renderResponse(s: Script): Json {
  const content: Json[] = [];
  if (s.thinking)
    content.push({ reasoningContent: { reasoningText: { text: s.thinking.text, signature: s.thinking.signature } } });
  if (s.text !== '') content.push({ text: s.text });
  for (const c of s.toolCalls)
    content.push({ toolUse: { toolUseId: `tooluse_${c.id}`, name: c.name, input: c.input } });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: s.stop,
    usage: usage(s),
    metrics: { latencyMs: 100 },
  };
}

/** How the mock ends content blocks: `always` with `contentBlockStop`, or `never`, as Bedrock sometimes streams. */
export type ConverseBlockStops = 'always' | 'never';

export interface BedrockConverseMockOptions extends MockOptions {
  /**
   * `never`: no `contentBlockStop` at all, so each block ends where the next one starts or at `messageStop` (a
   * shape real ConverseStream answers have, docs/wire-formats.md#bedrock-converse-stream). Default `always`.
   */
  blockStops?: ConverseBlockStops;
}

/**
 * Text and reasoning blocks start with their first delta; tool use gets a contentBlockStart; usage after
 * messageStop; `contentBlockStop`s as `stops` says.
 */
function renderEvents(s: Script, size: number, stops: ConverseBlockStops): Json[] {
  const ev: Json[] = [{ messageStart: { role: 'assistant' } }];
  let i = 0;
  if (s.thinking) {
    for (const t of chunkText(s.thinking.text, size))
      ev.push({ contentBlockDelta: { contentBlockIndex: i, delta: { reasoningContent: { text: t } } } });
    ev.push(
      { contentBlockDelta: { contentBlockIndex: i, delta: { reasoningContent: { signature: s.thinking.signature } } } },
      { contentBlockStop: { contentBlockIndex: i } },
    );
    i++;
  }
  if (s.text !== '') {
    for (const t of chunkText(s.text, size))
      ev.push({ contentBlockDelta: { contentBlockIndex: i, delta: { text: t } } });
    ev.push({ contentBlockStop: { contentBlockIndex: i } });
    i++;
  }
  for (const c of s.toolCalls) {
    ev.push({
      contentBlockStart: { contentBlockIndex: i, start: { toolUse: { toolUseId: `tooluse_${c.id}`, name: c.name } } },
    });
    for (const t of chunkText(JSON.stringify(c.input), size))
      ev.push({ contentBlockDelta: { contentBlockIndex: i, delta: { toolUse: { input: t } } } });
    ev.push({ contentBlockStop: { contentBlockIndex: i } });
    i++;
  }
  ev.push({ messageStop: { stopReason: s.stop } }, { metadata: { usage: usage(s), metrics: { latencyMs: 100 } } });
  return stops === 'never' ? ev.filter((e) => e.contentBlockStop === undefined) : ev;
}

const definition = (blockStops: ConverseBlockStops): ProviderDefinition => ({
  errorBody: (status, message) => bedrockErrorBody(status, message),
  responseHeaders: { 'x-amzn-requestid': 'req-mock' },
  checkHeaders: checkBedrockAuth,
  framing: {
    contentType: 'application/vnd.amazon.eventstream',
    encode: encodeConverseEvent,
    errorEvent: (status, message) => ({ [bedrockStreamExceptionForStatus(status)]: { message } }),
    malformed: () => {
      const frame = encodeConverseEvent({ messageStart: { role: 'assistant' } });
      frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
      return frame;
    },
    defaultErrorStatus: 503,
  },
  endpoints: [
    {
      matches: (path) => parseBedrockConversePath(path) !== undefined,
      model: (request) => parseBedrockConversePath(request.url.pathname)?.model,
      check: (request, validate) => [
        ...checkConverseRequest(request.body, validate),
        ...unknownFieldViolations('bedrock-converse', request.body),
        ...agentViolations(conversePrompt(request.body)),
      ],
      answer: (request, options) => {
        const script = runScriptedModel(conversePrompt(request.body));
        if (!parseBedrockConversePath(request.url.pathname)?.stream) return { json: renderResponse(script) };
        return { events: renderEvents(script, options.chunkSize ?? DEFAULT_CHUNK_SIZE, blockStops) };
      },
    },
    bedrockCountTokensEndpoint,
  ],
});

/**
 * A strict Bedrock Converse mock: `POST /model/{model}/converse` (JSON) and `/converse-stream` (AWS
 * event stream), answered by the scripted model; rejects non-alternating roles, empty content and tool
 * blocks without a toolConfig, as Bedrock does. `blockStops: 'never'` streams blocks without `contentBlockStop`. Also Bedrock Runtime's CountTokens, `/model/{model}/count-tokens`
 * (`bedrock-count-tokens-endpoint.ts`).
 */
export function createBedrockConverseMock(options: BedrockConverseMockOptions = {}): MockProvider {
  return createMockProvider(definition(options.blockStops ?? 'always'), options);
}
