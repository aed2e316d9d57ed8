import { parseArgs } from 'node:util';
import { createGateway } from '../gateway/node/create-gateway.js';
import { loadConfig } from '../gateway/node/load-config.js';
import { serveGateway } from '../gateway/node/serve.js';
import { untilSignal } from '../gateway/node/until-signal.js';
import type { Io } from './command.js';

/** `crosswire serve`: the reference gateway until SIGINT/SIGTERM. */
export async function runServeCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const config = loadConfig(values.config);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const served = await serveGateway(createGateway(config), { port, hostname: values.host });
  io.out(`crosswire gateway listening on ${served.url}`);
  for (const [name, p] of Object.entries(config.providers)) {
    io.out(`  @${name}/<model> -> ${p.format} at ${p.baseUrl}${p.apiKey ? '' : ' (no API key configured)'}`);
  }
  await untilSignal();
  await served.close();
  return 0;
}
