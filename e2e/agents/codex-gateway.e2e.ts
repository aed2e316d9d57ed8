/**
 * Codex CLI end to end through the reference gateway: `codex exec` (a custom provider with `wire_api =
 * "responses"`) -> the gateway's `POST /v1/responses` -> an Anthropic-format upstream (the strict Anthropic mock,
 * whose scripted model answers `echo: <last user text>`). The one-shot prompt must come back as Codex's final
 * message, with Codex's own request translated into one the strict mock accepts.
 *
 * Not part of `npm test`: `npm run e2e:agents:vitest` (CI's agents step) runs it. Codex CLI is the pinned `@openai/codex` of this folder's package.json, installed on first use (`npm ci` here, as
 * `npm run e2e:agents` does). Everything runs on loopback.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServers, serveOnLoopback } from '../../conformance/mocks/adapters/serve-on-loopback.js';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import type { MockProvider } from '../../conformance/mocks/mock-types.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { type Served, serveGateway } from '../../src/gateway/node/serve.js';
import { AGENTS, readAnswerFile } from './agents.js';
import { BIN_DIR, ensureInstalled } from './install.js';
import { runProcess } from './run-process.js';

const codex = AGENTS.find((a) => a.name === 'codex')!;
const RUN_MS = 180_000;

describe('Codex CLI -> reference gateway (/v1/responses) -> Anthropic-format upstream', () => {
  let mock: MockProvider;
  let upstream: LoopbackServers;
  let gateway: Served;
  let scratch: string;

  beforeAll(async () => {
    await ensureInstalled(() => {});
    mock = createAnthropicMock({ apiKey: 'ant-upstream' });
    upstream = await serveOnLoopback({ anthropic: mock });
    gateway = await serveGateway(
      createGateway({
        providers: {
          anthropic: { format: 'anthropic-messages', baseUrl: upstream.urls.anthropic!, apiKey: 'ant-upstream' },
        },
        log: () => {},
      }),
    );
    scratch = await mkdtemp(join(tmpdir(), 'crosswire-codex-gateway-'));
  }, 600_000);

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(
    "codex exec returns the upstream model's answer",
    async () => {
      const nonce = randomBytes(6).toString('hex');
      const home = join(scratch, 'home');
      const workdir = join(scratch, 'work');
      await mkdir(join(home, 'tmp'), { recursive: true });
      await mkdir(workdir, { recursive: true });
      const command = await codex.prepare({
        binDir: BIN_DIR,
        home,
        workdir,
        target: { origin: gateway.url, format: 'openai-responses', apiKey: 'client-key' },
        prompt: `Reply with the code word ${nonce}.`,
        // the gateway routes `@anthropic/<model>` to the Anthropic provider
        model: '@anthropic/claude-sonnet-4-5',
        requestTimeoutMs: RUN_MS,
      });
      const exit = await runProcess(command.command, command.args, { ...command.env }, workdir, RUN_MS);
      const answer = codex.finalAnswer(exit.stdout, await readAnswerFile(command.answerFile));
      const detail = `exit ${exit.code}${exit.timedOut ? ' (timed out)' : ''}\n${exit.stderr.slice(-2000)}`;
      expect(exit.code, detail).toBe(0);
      expect(answer).toContain('echo:');
      expect(answer).toContain(`Reply with the code word ${nonce}.`);
      // Codex's request reached the upstream as a Messages request the strict mock accepted, and streamed
      const turns = mock.requests.filter((r) => r.path === '/v1/messages');
      expect(turns.length).toBeGreaterThan(0);
      expect(turns.map((r) => r.status)).toEqual(turns.map(() => 200));
      expect(turns[0]!.body).toMatchObject({ model: 'claude-sonnet-4-5', stream: true });
    },
    RUN_MS + 30_000,
  );
});
