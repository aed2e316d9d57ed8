import { parseArgs } from 'node:util';
import { type Served, serveFetch } from '../../src/gateway/node/serve.js';
import { untilSignal } from '../../src/gateway/node/until-signal.js';
import { createAnthropicMock } from '../mocks/anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../mocks/openai/create-openai-mock.js';
import type { Io } from './io.js';

/** `crosswire mock-providers`: the strict mock providers on loopback until SIGINT/SIGTERM. */
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
  const first = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(first) || first < 0 || first > 65534)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const options = values['api-key'] ? { apiKey: values['api-key'] } : {};
  const served: Served[] = [];
  try {
    const anthropic = await serveFetch(createAnthropicMock(options), { port: first, hostname: values.host });
    served.push(anthropic);
    const openai = await serveFetch(createOpenAIMock(options), {
      port: first === 0 ? 0 : first + 1,
      hostname: values.host,
    });
    served.push(openai);
    io.out('crosswire mock providers (strict: requests are checked against each provider spec and rules)');
    io.out(
      `  anthropic  ${anthropic.url}     (POST /v1/messages, /v1/messages/count_tokens; SDK baseURL ${anthropic.url})`,
    );
    io.out(`  openai     ${openai.url}/v1  (POST /v1/chat/completions; SDK baseURL ${openai.url}/v1)`);
    io.out('for the reference gateway:');
    io.out(
      `  CROSSWIRE_ANTHROPIC_BASE_URL=${anthropic.url} CROSSWIRE_OPENAI_BASE_URL=${openai.url}/v1 crosswire serve`,
    );
    await untilSignal();
    return 0;
  } finally {
    for (const s of served) await s.close();
  }
}
