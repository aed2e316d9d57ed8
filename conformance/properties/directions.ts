import type { FormatId } from '../../src/core/formats.js';
import type { TranslateOptions } from '../../src/core/options.js';
import { foldAnthropicEvents, type Folded } from '../arbitraries/fold-anthropic-events.js';
import { foldOpenAIChunks } from '../arbitraries/fold-openai-chunks.js';
import { renderAnthropicEvents } from '../arbitraries/render-anthropic-events.js';
import { renderOpenAIChunks } from '../arbitraries/render-openai-chunks.js';
import type { ScriptShape, StreamScript } from '../arbitraries/stream-script.js';
import { projectAnthropicMessage, projectOpenAICompletion } from './project-response.js';

/** One response direction (upstream -> client) and everything the stream properties need to drive it. */
export interface Direction {
  upstream: FormatId;
  client: FormatId;
  /** which scripts the upstream format can express */
  shape: ScriptShape;
  render(s: StreamScript): unknown[];
  foldUpstream(events: readonly unknown[]): Folded<Record<string, unknown>>;
  foldClient(events: readonly unknown[]): Folded<Record<string, unknown>>;
  project(response: unknown): Record<string, unknown>;
  options: TranslateOptions;
}

export const DIRECTIONS: readonly Direction[] = [
  {
    upstream: 'anthropic-messages',
    client: 'openai-chat',
    shape: { thinking: true, textAfterTools: true },
    render: renderAnthropicEvents,
    foldUpstream: foldAnthropicEvents,
    foldClient: foldOpenAIChunks,
    project: projectOpenAICompletion,
    // the client asked for usage in the stream (stream_options.include_usage)
    options: { id: 'chatcmpl-prop', created: 1700000000, context: { includeUsage: true, stream: true } },
  },
  {
    upstream: 'openai-chat',
    client: 'anthropic-messages',
    // thinking is rendered as DeepSeek-style reasoning_content
    shape: { thinking: true, textAfterTools: true },
    render: renderOpenAIChunks,
    foldUpstream: foldOpenAIChunks,
    foldClient: foldAnthropicEvents,
    project: projectAnthropicMessage,
    options: { id: 'msg_prop', created: 1700000000, context: { stream: true } },
  },
];
