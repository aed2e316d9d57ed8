import type { FormatId } from '../../src/core/formats.js';
import type { TranslateOptions } from '../../src/core/options.js';
import { type Folded, foldAnthropicEvents } from '../arbitraries/fold-anthropic-events.js';
import { foldConverseEvents } from '../arbitraries/fold-converse-events.js';
import { foldGeminiChunks } from '../arbitraries/fold-gemini-chunks.js';
import { foldOpenAIChunks } from '../arbitraries/fold-openai-chunks.js';
import { foldResponsesEvents } from '../arbitraries/fold-responses-events.js';
import { renderAnthropicEvents } from '../arbitraries/render-anthropic-events.js';
import { renderBedrockInvokeEvents } from '../arbitraries/render-bedrock-invoke-events.js';
import { renderConverseEvents } from '../arbitraries/render-converse-events.js';
import { renderGeminiChunks } from '../arbitraries/render-gemini-chunks.js';
import { renderOpenAIChunks } from '../arbitraries/render-openai-chunks.js';
import { renderResponsesEvents } from '../arbitraries/render-responses-events.js';
import type { ScriptShape, StreamScript } from '../arbitraries/stream-script.js';
import {
  projectAnthropicMessage,
  projectConverseResponse,
  projectGeminiResponse,
  projectOpenAICompletion,
  projectResponsesResponse,
} from './project-response.js';

type Fold = (events: readonly unknown[]) => Folded<Record<string, unknown>>;

/** One response direction (upstream -> client) and everything the stream properties need to drive it. */
export interface Direction {
  /** the test name: `<upstream> -> <client>`, plus what is special about this direction */
  name: string;
  upstream: FormatId;
  client: FormatId;
  /** a Gemini client that asked for streamed function-call arguments */
  streamedArguments?: boolean;
  /** which scripts the upstream format can express */
  shape: ScriptShape;
  render(s: StreamScript): unknown[];
  foldUpstream: Fold;
  foldClient: Fold;
  project(response: unknown): Record<string, unknown>;
  options: TranslateOptions;
}

interface UpstreamSide {
  shape: ScriptShape;
  render(s: StreamScript): unknown[];
  fold: Fold;
}

/**
 * How each format's upstream stream is rendered from a script and folded back into its non-stream response.
 * Every format here can express signed thinking and text after a tool call:
 * - Anthropic, Vertex (Anthropic's SSE) and Bedrock Invoke (Anthropic events in `chunk` frames): natively;
 * - OpenAI: thinking as DeepSeek-style `reasoning_content` (unsigned: Chat Completions has no signatures);
 * - Gemini: thought parts with `thoughtSignature`, a text part after a `functionCall`;
 * - Converse: `reasoningContent` with `signature`, a text block after a `toolUse` block;
 * - Responses: `reasoning` items with `encrypted_content`, a `message` item after a `function_call` item.
 */
const UPSTREAM: Record<FormatId, UpstreamSide> = {
  'anthropic-messages': {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderAnthropicEvents,
    fold: foldAnthropicEvents,
  },
  'openai-chat': {
    // one reasoning_content per non-stream message: a second thinking block cannot be told apart from the first
    shape: { thinking: true, textAfterTools: true },
    render: renderOpenAIChunks,
    fold: foldOpenAIChunks,
  },
  gemini: {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderGeminiChunks,
    fold: foldGeminiChunks,
  },
  'bedrock-converse': {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderConverseEvents,
    fold: foldConverseEvents,
  },
  'bedrock-invoke': {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderBedrockInvokeEvents,
    fold: foldAnthropicEvents,
  },
  'vertex-anthropic': {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderAnthropicEvents,
    fold: foldAnthropicEvents,
  },
  'openai-responses': {
    shape: { thinking: true, textAfterTools: true, interleavedThinking: true },
    render: renderResponsesEvents,
    fold: foldResponsesEvents,
  },
};

/** How a client of each format folds what it receives, what its response means, and the options its gateway passes. */
const CLIENT: Record<
  FormatId,
  { fold: Fold; project(response: unknown): Record<string, unknown>; options: TranslateOptions }
> = {
  'anthropic-messages': {
    fold: foldAnthropicEvents,
    project: projectAnthropicMessage,
    options: { id: 'msg_prop', created: 1700000000, context: { stream: true } },
  },
  // the client asked for usage in the stream (stream_options.include_usage)
  'openai-chat': {
    fold: foldOpenAIChunks,
    project: projectOpenAICompletion,
    options: { id: 'chatcmpl-prop', created: 1700000000, context: { includeUsage: true, stream: true } },
  },
  // no id: the responseId comes from the upstream message, in the stream and the response alike
  gemini: {
    fold: foldGeminiChunks,
    project: projectGeminiResponse,
    options: { created: 1700000000, context: { stream: true } },
  },
  'bedrock-converse': {
    fold: foldConverseEvents,
    project: projectConverseResponse,
    options: { created: 1700000000, context: { stream: true } },
  },
  'bedrock-invoke': {
    fold: foldAnthropicEvents,
    project: projectAnthropicMessage,
    options: { created: 1700000000, context: { stream: true } },
  },
  'vertex-anthropic': {
    fold: foldAnthropicEvents,
    project: projectAnthropicMessage,
    options: { created: 1700000000, context: { stream: true } },
  },
  // item ids derive from the response id, in the stream and the response alike
  'openai-responses': {
    fold: foldResponsesEvents,
    project: projectResponsesResponse,
    options: { id: 'resp_prop', created: 1700000000, context: { stream: true } },
  },
};

function direction(upstream: FormatId, client: FormatId): Direction {
  const u = UPSTREAM[upstream];
  const c = CLIENT[client];
  return {
    name: `${upstream} -> ${client}`,
    upstream,
    client,
    shape: u.shape,
    render: u.render,
    foldUpstream: u.fold,
    foldClient: c.fold,
    project: c.project,
    options: c.options,
  };
}

export const DIRECTIONS: readonly Direction[] = [
  direction('anthropic-messages', 'openai-chat'),
  direction('openai-chat', 'anthropic-messages'),
  direction('gemini', 'anthropic-messages'),
  direction('anthropic-messages', 'gemini'),
  direction('bedrock-converse', 'anthropic-messages'),
  direction('anthropic-messages', 'bedrock-converse'),
  direction('bedrock-invoke', 'anthropic-messages'),
  direction('anthropic-messages', 'bedrock-invoke'),
  direction('vertex-anthropic', 'anthropic-messages'),
  direction('anthropic-messages', 'vertex-anthropic'),
  direction('anthropic-messages', 'openai-responses'),
  direction('openai-responses', 'anthropic-messages'),
  // composed through anthropic-messages
  direction('gemini', 'openai-chat'),
  direction('bedrock-converse', 'openai-chat'),
  // Converse blocks without contentBlockStop reach a third client format through the hub
  direction('bedrock-converse', 'gemini'),
  streamedArgumentsClient(),
  direction('openai-responses', 'openai-chat'),
  direction('openai-chat', 'openai-responses'),
  direction('gemini', 'openai-responses'),
  direction('bedrock-converse', 'openai-responses'),
  direction('openai-responses', 'gemini'),
  direction('openai-responses', 'bedrock-converse'),
  direction('bedrock-invoke', 'openai-responses'),
];

/**
 * A Gemini client that asked for streamed function-call arguments (docs/wire-formats.md#gemini-stream): its tool
 * calls come as `partialArgs` parts. Tool inputs hold no empty object or list (which `partialArgs` cannot express:
 * a reported loss, unit-tested in the pair).
 */
function streamedArgumentsClient(): Direction {
  const d = direction('anthropic-messages', 'gemini');
  const context = { ...d.options.context, geminiStreamFunctionCallArguments: true };
  return {
    ...d,
    name: `${d.name} (streamed arguments)`,
    streamedArguments: true,
    shape: { ...d.shape, noEmptyContainers: true },
    options: { ...d.options, context },
  };
}
