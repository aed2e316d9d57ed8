/**
 * Test support (not part of the public API): an `@anthropic-ai/vertex-sdk` client that sends through a
 * custom `fetch`, signed by a fake Google auth client (`Authorization: Bearer t`), region `us-east5`,
 * no retries.
 */
import AnthropicVertex from '@anthropic-ai/vertex-sdk';

type Fetch = (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface VertexTestClientOptions {
  /** the Google Cloud project; `proj` unless given */
  projectId?: string;
  /** where the SDK sends (`/projects/{project}/locations/{region}/…` is added); `http://fake.local/v1` unless given */
  baseURL?: string;
}

export function createVertexTestClient(fetch: Fetch, options: VertexTestClientOptions = {}): AnthropicVertex {
  const projectId = options.projectId ?? 'proj';
  return new AnthropicVertex({
    region: 'us-east5',
    projectId,
    baseURL: options.baseURL ?? 'http://fake.local/v1',
    maxRetries: 0,
    authClient: { getRequestHeaders: async () => new Headers({ Authorization: 'Bearer t' }), projectId } as never,
    fetch,
  });
}
