/**
 * One run of the matrix: an agent -> the reference gateway (served on loopback) -> one provider format's strict
 * mock, which plays the scripted agent model. The run passes when the agent exits 0, the file was written, the
 * final answer quotes the tool result the provider received, and the mock accepted every request (no protocol
 * violation: a replayed signature, call id or result it did not issue is a 400).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentCallSuffix, agentThinking, agentToolResult } from '../../conformance/scripted-model/agent-script.js';
import { isRecord } from '../../src/core/narrow.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { type Served, serveFetch } from '../../src/gateway/node/serve.js';
import { type AgentSpec, readAnswerFile } from './agents.js';
import { type ProviderSpec, type RecordedExchange, recording } from './gateway-matrix.js';
import { BIN_DIR } from './install.js';
import { judge } from './judge.js';
import { runProcess } from './run-process.js';
import { promptFor, type ScriptPlan } from './script-server/plan.js';

const UPSTREAM_KEY = 'crosswire-e2e-upstream-key';

export interface GatewayRunReport {
  readonly agent: string;
  readonly version: string;
  readonly provider: string;
  readonly format: string;
  /** the model the agent asked for */
  readonly model: string;
  readonly passed: boolean;
  readonly reasons: string[];
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** requests the provider mock received, with the status it answered */
  readonly upstream: { path: string; status: number; stream: boolean }[];
  /** the whole exchange on both sides of the gateway, for a failing run (bodies hold the vendors' prompts) */
  readonly transcript?: RecordedExchange[];
  /** the agent's stderr (last 4000 characters), for a failing run */
  readonly stderr?: string;
}

export interface GatewayRunOptions {
  readonly timeoutMs: number;
  readonly keep: boolean;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether an upstream request asked for a stream (a `stream` field, or a streaming path). */
function isStream(path: string, body: Record<string, unknown> | undefined): boolean {
  return body?.stream === true || /stream/i.test(path);
}

export async function runThroughGateway(
  agent: AgentSpec,
  version: string,
  provider: ProviderSpec,
  options: GatewayRunOptions,
): Promise<GatewayRunReport> {
  const scratch = await mkdtemp(join(tmpdir(), `crosswire-${agent.name}-${provider.name}-`));
  const home = join(scratch, 'home');
  const workdir = join(scratch, 'work');
  await mkdir(join(home, 'tmp'), { recursive: true });
  await mkdir(workdir, { recursive: true });
  const nonce = randomBytes(6).toString('hex');
  const thinking = agentThinking({ nonce, filePath: '', content: '' });
  const plan: ScriptPlan = {
    nonce,
    filePath: join(workdir, `crosswire-${nonce}.txt`),
    content: `written by the scripted model, run ${nonce}`,
    thinking: thinking.text,
    signature: thinking.signature,
    callId: agentCallSuffix({ nonce, filePath: '', content: '' }),
  };
  const transcript: RecordedExchange[] = [];
  const mock = provider.createMock(UPSTREAM_KEY);
  const servers: Served[] = [];
  const model = `@${provider.name}/${provider.model}`;
  const started = Date.now();
  let exit: Awaited<ReturnType<typeof runProcess>>;
  let answerText: string | undefined;
  try {
    const upstream = await serveFetch(recording('upstream', mock, transcript));
    servers.push(upstream);
    const gateway = createGateway({
      providers: { [provider.name]: provider.config(upstream.url, UPSTREAM_KEY) },
      log: () => {},
    });
    const served = await serveFetch(recording('client', (req) => gateway.fetch(req), transcript));
    servers.push(served);
    const command = await agent.prepare({
      binDir: BIN_DIR,
      home,
      workdir,
      target: { origin: served.url, format: agent.format, apiKey: 'crosswire-e2e-client-key' },
      prompt: promptFor(plan),
      model,
      requestTimeoutMs: Math.min(options.timeoutMs, 120_000),
    });
    exit = await runProcess(command.command, command.args, { ...command.env }, workdir, options.timeoutMs);
    answerText = await readAnswerFile(command.answerFile);
  } finally {
    for (const s of servers.reverse()) await s.close();
  }
  const seconds = (Date.now() - started) / 1000;
  let answer = '';
  const reasons: string[] = [];
  try {
    answer = agent.finalAnswer(exit.stdout, answerText);
  } catch (error) {
    reasons.push(`could not read the final answer from the output: ${String(error)}`);
  }
  const upstream = mock.requests.map((r) => {
    const body = isRecord(r.body) ? r.body : undefined;
    return { path: r.path, status: r.status, stream: isStream(r.path, body) };
  });
  // the tool result as the provider received it on turn 2 (the last request that holds one)
  let toolResult: string | undefined;
  for (const r of mock.requests) {
    const view = isRecord(r.body) ? provider.view(r.body) : undefined;
    const result = view && agentToolResult(view);
    if (result !== undefined) toolResult = result;
  }
  const violations = mock.requests.filter((r) => r.status !== 200);
  const checks = violations.map((r) => {
    const reply = transcript.find((t) => t.side === 'upstream' && t.url.endsWith(r.path) && t.status === r.status);
    return {
      name: `provider mock ${r.path}`,
      ok: false,
      detail: `answered ${r.status}: ${(reply?.responseBody ?? '').slice(0, 600)}`,
    };
  });
  if (mock.requests.length === 0) checks.push({ name: 'provider mock', ok: false, detail: 'received no request' });
  reasons.push(
    ...judge(plan, {
      exitCode: exit.code,
      timedOut: exit.timedOut,
      fileContent: await readIfExists(plan.filePath),
      toolResult,
      answer,
      checks,
    }),
  );
  if (!options.keep) await rm(scratch, { recursive: true, force: true });
  const passed = reasons.length === 0;
  return {
    agent: agent.name,
    version,
    provider: provider.name,
    format: provider.format,
    model,
    passed,
    reasons,
    seconds,
    exitCode: exit.code,
    timedOut: exit.timedOut,
    upstream,
    ...(passed ? {} : { transcript, stderr: exit.stderr.slice(-4000) }),
  };
}
