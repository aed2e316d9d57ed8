import { parseArgs } from 'node:util';
import type { FormatId } from '../../src/core/formats.js';
import { parseBedrockConversePath } from '../../src/formats/bedrock-converse/target.js';
import { envName } from '../../src/gateway/config.js';
import { type Served, serveFetch } from '../../src/gateway/node/serve.js';
import { untilSignal } from '../../src/gateway/node/until-signal.js';
import { createAnthropicMock } from '../mocks/anthropic/create-anthropic-mock.js';
import { createBedrockConverseMock } from '../mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../mocks/bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from '../mocks/gemini/create-gemini-mock.js';
import type { MockHandler, MockOptions } from '../mocks/mock-types.js';
import { createOpenAIMock } from '../mocks/openai/create-openai-mock.js';
import { createVertexAnthropicMock } from '../mocks/vertex/create-vertex-anthropic-mock.js';
import { providerOf, VERTEX_LOCATION } from '../runner/presets.js';
import type { Io } from './io.js';

/** The key printed for `crosswire serve` when none is given: the mocks then accept any non-empty key. */
const ANY_KEY = 'mock-key';

/** One mock server: what it serves, and the gateway providers (by format) it stands for. */
interface MockServer {
  name: string;
  handler: MockHandler;
  /** the SDK base URL's path after the server URL */
  basePath: string;
  routes: string;
  formats: FormatId[];
}

function mockServers(options: MockOptions): MockServer[] {
  const converse = createBedrockConverseMock(options);
  const invoke = createBedrockInvokeMock(options);
  return [
    {
      name: 'anthropic',
      handler: createAnthropicMock(options),
      basePath: '',
      routes: '/v1/messages, /v1/messages/count_tokens',
      formats: ['anthropic-messages'],
    },
    {
      name: 'openai',
      handler: createOpenAIMock(options),
      basePath: '/v1',
      routes: '/v1/chat/completions',
      formats: ['openai-chat'],
    },
    {
      name: 'gemini',
      handler: createGeminiMock(options),
      basePath: '',
      routes: '/v1beta/models/{m}:generateContent, :streamGenerateContent, :countTokens',
      formats: ['gemini'],
    },
    {
      // one server for both Bedrock Runtime APIs, as Bedrock has: Converse paths to the Converse mock
      name: 'bedrock',
      handler: (req) => (parseBedrockConversePath(new URL(req.url).pathname) ? converse(req) : invoke(req)),
      basePath: '',
      routes: '/model/{m}/converse[-stream], /invoke[-with-response-stream], /count-tokens',
      formats: ['bedrock-invoke', 'bedrock-converse'],
    },
    {
      name: 'vertex',
      handler: createVertexAnthropicMock(options),
      basePath: '',
      routes: '…/publishers/anthropic/models/{m}:rawPredict, :streamRawPredict',
      formats: ['vertex-anthropic'],
    },
  ];
}

/** The providers `crosswire serve` has built in; the others are declared with `CROSSWIRE_PROVIDERS`. */
const BUILT_IN_PROVIDERS = new Set(['anthropic', 'openai']);

/**
 * The environment that points the reference gateway's providers at the mocks, one `NAME=value` each. The provider
 * names are those of `crosswire conformance` (`@gemini/…`, `@bedrock/…` for InvokeModel, `@bedrock-converse/…`,
 * `@vertex/…`).
 */
export function serveEnvironment(urls: ReadonlyMap<FormatId, string>, apiKey: string): string[] {
  const providers = [...urls.keys()].map((f) => providerOf(f));
  const lines = [`CROSSWIRE_PROVIDERS=${providers.filter((p) => !BUILT_IN_PROVIDERS.has(p)).join(',')}`];
  for (const [format, url] of urls) {
    const e = envName(providerOf(format));
    if (!BUILT_IN_PROVIDERS.has(providerOf(format))) lines.push(`CROSSWIRE_${e}_FORMAT=${format}`);
    lines.push(`CROSSWIRE_${e}_BASE_URL=${url}`, `CROSSWIRE_${e}_API_KEY=${apiKey}`);
    if (format === 'vertex-anthropic')
      lines.push(
        `CROSSWIRE_${e}_PROJECT=${VERTEX_LOCATION.project}`,
        `CROSSWIRE_${e}_REGION=${VERTEX_LOCATION.region}`,
      );
  }
  return lines;
}

/**
 * `crosswire mock-providers`: the strict mock providers on loopback (ports `--port` … `--port`+4, or free ones)
 * until SIGINT/SIGTERM, with the environment for `crosswire serve`.
 */
export async function runMockProvidersCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
    },
  });
  const servers = mockServers(values['api-key'] ? { apiKey: values['api-key'] } : {});
  const first = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(first) || first < 0 || first > 65535 - servers.length + 1)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const served: Served[] = [];
  try {
    const urls = new Map<FormatId, string>();
    const lines: string[] = [];
    for (const [i, s] of servers.entries()) {
      const server = await serveFetch(s.handler, { port: first === 0 ? 0 : first + i, hostname: values.host });
      served.push(server);
      const base = `${server.url}${s.basePath}`;
      for (const f of s.formats) urls.set(f, base);
      lines.push(`  ${s.name.padEnd(10)} ${base.padEnd(28)} ${s.routes}`);
    }
    io.out('crosswire mock providers (strict: requests are checked against each provider spec and rules)');
    io.out(`  ${'provider'.padEnd(10)} ${'SDK base URL'.padEnd(28)} POST routes`);
    for (const l of lines) io.out(l);
    io.out(
      values['api-key']
        ? `every mock expects the API key ${values['api-key']}`
        : 'the mocks take any non-empty API key (Bedrock: a bearer key or a SigV4 signature; Vertex: a bearer token)',
    );
    io.out('');
    io.out('the reference gateway pointed at them (models: @anthropic/…, @openai/…, @gemini/…, @bedrock/… for');
    io.out('InvokeModel, @bedrock-converse/…, @vertex/…):');
    const env = serveEnvironment(urls, values['api-key'] ?? ANY_KEY);
    io.out(`${env.map((e) => `  ${e} \\`).join('\n')}\n  crosswire serve`);
    await untilSignal();
    return 0;
  } finally {
    for (const s of served) await s.close();
  }
}
