/** The APIs the drift check knows: our spec file and the operations we model. */

export type ApiId = 'anthropic-messages' | 'openai-chat' | 'openai-responses';

export interface ModeledOperation {
  readonly method: 'post';
  /** Full path including the version prefix, as in our spec (`/v1/messages`). */
  readonly path: string;
  /**
   * Stream event schema name to use (in both documents) when an operation declares no `text/event-stream`
   * response. The Anthropic spec lists the events as `MessageStreamEvent` without attaching them to the operation.
   */
  readonly streamSchema?: string;
}

export interface ApiConfig {
  readonly id: ApiId;
  /** Our spec, relative to the repository root. */
  readonly ours: string;
  readonly operations: readonly ModeledOperation[];
}

export const APIS: Readonly<Record<ApiId, ApiConfig>> = {
  'anthropic-messages': {
    id: 'anthropic-messages',
    ours: 'spec/anthropic-messages.yaml',
    operations: [
      { method: 'post', path: '/v1/messages', streamSchema: 'MessageStreamEvent' },
      { method: 'post', path: '/v1/messages/count_tokens' },
    ],
  },
  'openai-chat': {
    id: 'openai-chat',
    ours: 'spec/openai-chat-completions.yaml',
    operations: [{ method: 'post', path: '/v1/chat/completions' }],
  },
  'openai-responses': {
    id: 'openai-responses',
    ours: 'spec/openai-responses.yaml',
    operations: [
      { method: 'post', path: '/v1/responses' },
      { method: 'post', path: '/v1/responses/input_tokens' },
    ],
  },
};

export function isApiId(value: string): value is ApiId {
  return Object.hasOwn(APIS, value);
}
