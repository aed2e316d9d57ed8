/**
 * Runs one script server by hand, to point an agent at it yourself:
 *
 *   npx tsx e2e/agents/serve.ts --format anthropic-messages [--workdir DIR]
 *
 * Prints the server's origin and the prompt to give the agent, then one line per request it answers.
 * Ctrl-C stops it.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type AgentFormat, promptFor, type ScriptPlan } from './script-server/plan.js';
import { startScriptServer } from './script-server/server.js';

const FORMATS: readonly AgentFormat[] = ['anthropic-messages', 'openai-responses', 'gemini'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { format: { type: 'string' }, workdir: { type: 'string', default: process.cwd() } },
  });
  const format = FORMATS.find((f) => f === values.format);
  if (!format) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const nonce = randomBytes(6).toString('hex');
  const plan: ScriptPlan = {
    nonce,
    filePath: join(resolve(values.workdir ?? '.'), `crosswire-${nonce}.txt`),
    content: `written by the scripted model, run ${nonce}`,
    thinking: `I will write the file with the tool (${nonce}).`,
    signature: Buffer.from(`crosswire-e2e signature ${nonce}`).toString('base64'),
    callId: format === 'anthropic-messages' ? `toolu_e2e${nonce}` : `call_e2e${nonce}`,
  };
  const server = await startScriptServer({ format, plan });
  console.log(`origin: ${server.target.origin}`);
  console.log(`prompt: ${promptFor(plan)}`);
  let shown = 0;
  setInterval(() => {
    const sorted = [...server.exchanges].sort((a, b) => a.seq - b.seq);
    for (const e of sorted.slice(shown)) console.log(`${e.seq} ${e.method} ${e.url} -> ${e.reply.status} ${e.kind}`);
    shown = sorted.length;
  }, 200);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
