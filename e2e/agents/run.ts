/**
 * `npm run e2e:agents`: runs each coding agent headless, on loopback, through a full tool loop, and judges the run.
 *
 *   npm run e2e:agents                                      the matrix: each agent -> the reference gateway -> each
 *                                                           provider mock it reaches (gateway-matrix.ts)
 *   npm run e2e:agents -- --agent claude --provider gemini  one agent against one provider (repeatable, or
 *                                                           comma-separated; aliases claude, codex, gemini)
 *   npm run e2e:agents -- --timeout 300                     seconds per run (default 240)
 *   npm run e2e:agents -- --keep                            keep each run's temporary HOME and workdir
 *   npm run e2e:agents -- --report-dir DIR                  where the reports go (default reports/agents)
 *   npm run e2e:agents -- --direct                          each agent against the script server in its own
 *                                                           format (no gateway), own and foreign model name; with
 *                                                           --model NAME (`default`: the agent's own), --describe
 *                                                           (the shape of every request), --trace-network (strace:
 *                                                           any try to reach beyond loopback fails the run)
 *
 * Prints one line per run, then `agents: N of M runs passed`; writes report.json, report.html and vitest.json
 * (gateway runs) or direct.json (--direct) into the report folder. The exit code is the number of failed runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { AGENTS, type AgentName, type AgentSpec, readAnswerFile } from './agents.js';
import { describeExchange } from './describe.js';
import { AGENT_ALIASES, MATRIX, PROVIDER_ALIASES, PROVIDERS, type ProviderSpec } from './gateway-matrix.js';
import { type GatewayRunReport, runThroughGateway } from './gateway-run.js';
import { AGENTS_DIR, BIN_DIR, ensureInstalled, pinnedVersions } from './install.js';
import { judge } from './judge.js';
import { type NetworkActivity, parseTrace, straceAvailable, tracedCommand } from './network-trace.js';
import { writeAgentsReports } from './report.js';
import { type Exit, runProcess } from './run-process.js';
import { type AgentFormat, promptFor, type ScriptPlan } from './script-server/plan.js';
import { startScriptServer } from './script-server/server.js';

const REPO_ROOT = join(AGENTS_DIR, '..', '..');

/** The model an agent asks for in a run. */
interface ModelVariant {
  readonly label: string;
  /** undefined: the agent's own default */
  readonly model: string | undefined;
}

const VARIANTS: readonly ModelVariant[] = [
  { label: 'own', model: undefined },
  { label: 'foreign', model: 'crosswire-scripted' },
];

interface RunReport {
  agent: AgentName;
  version: string;
  variant: string;
  /** the model named on the command line, or undefined for the agent's default */
  model: string | undefined;
  server: string;
  format: AgentFormat;
  passed: boolean;
  reasons: string[];
  seconds: number;
  exitCode: number | null;
  timedOut: boolean;
  tool?: { name: string; kind: string };
  requests: ReturnType<typeof describeExchange>[];
  checks: { name: string; ok: boolean; detail: string }[];
  /** with --trace-network: what the agent tried to reach beyond loopback */
  network?: NetworkActivity;
  /** where the run's full record (requests with bodies, stdout, stderr) is */
  recordDir: string;
}

function callIdFor(format: AgentFormat, nonce: string): string {
  return format === 'anthropic-messages' ? `toolu_e2e${nonce}` : `call_e2e${nonce}`;
}

function makePlan(format: AgentFormat, workdir: string): ScriptPlan {
  const nonce = randomBytes(6).toString('hex');
  return {
    nonce,
    filePath: join(workdir, `crosswire-${nonce}.txt`),
    content: `written by the scripted model, run ${nonce}`,
    thinking: `The user wants a file. I will write it with the tool, then report what the tool said (${nonce}).`,
    signature: Buffer.from(`crosswire-e2e signature ${nonce} \u00e9\u2713`).toString('base64'),
    callId: callIdFor(format, nonce),
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

interface RunOptions {
  readonly timeoutMs: number;
  readonly recordRoot: string;
  readonly keep: boolean;
  readonly variant: ModelVariant;
  readonly traceNetwork: boolean;
}

async function runOne(agent: AgentSpec, version: string, options: RunOptions): Promise<RunReport> {
  const { timeoutMs, recordRoot, keep } = options;
  const scratch = await mkdtemp(join(tmpdir(), `crosswire-${agent.name}-`));
  const home = join(scratch, 'home');
  const workdir = join(scratch, 'work');
  await mkdir(join(home, 'tmp'), { recursive: true });
  await mkdir(workdir, { recursive: true });
  const plan = makePlan(agent.format, workdir);
  const server = await startScriptServer({ format: agent.format, plan });
  const traceFile = join(scratch, 'network.strace');
  const started = Date.now();
  let exit: Exit;
  let answerText: string | undefined;
  try {
    const command = await agent.prepare({
      binDir: BIN_DIR,
      home,
      workdir,
      target: server.target,
      prompt: promptFor(plan),
      model: options.variant.model,
      requestTimeoutMs: Math.min(timeoutMs, 120_000),
    });
    const [file, args] = options.traceNetwork
      ? tracedCommand(command.command, command.args, traceFile)
      : [command.command, command.args];
    exit = await runProcess(file, args, { ...command.env }, workdir, timeoutMs);
    answerText = await readAnswerFile(command.answerFile);
  } finally {
    await server.close();
  }
  const seconds = (Date.now() - started) / 1000;
  let answer = '';
  let answerError: string | undefined;
  try {
    answer = agent.finalAnswer(exit.stdout, answerText);
  } catch (error) {
    answerError = `could not read the final answer from the output: ${String(error)}`;
  }
  const exchanges = [...server.exchanges].sort((a, b) => a.seq - b.seq);
  const reasons = judge(plan, {
    exitCode: exit.code,
    timedOut: exit.timedOut,
    fileContent: await readIfExists(plan.filePath),
    toolResult: server.state.toolResult,
    answer,
    checks: server.state.checks,
  });
  if (answerError) reasons.push(answerError);
  let network: NetworkActivity | undefined;
  if (options.traceNetwork) {
    network = parseTrace((await readIfExists(traceFile)) ?? '');
    if (network.connects.length > 0) reasons.push(`connected beyond loopback: ${network.connects.join(', ')}`);
    if (network.lookups.length > 0) reasons.push(`looked up host names: ${network.lookups.join(', ')}`);
  }

  const recordDir = join(recordRoot, `${agent.name}-${options.variant.label}`);
  await mkdir(recordDir, { recursive: true });
  await writeFile(join(recordDir, 'exchanges.json'), `${JSON.stringify(exchanges, null, 1)}\n`);
  await writeFile(join(recordDir, 'stdout.txt'), exit.stdout);
  await writeFile(join(recordDir, 'stderr.txt'), exit.stderr);
  await writeFile(join(recordDir, 'plan.json'), `${JSON.stringify(plan, null, 1)}\n`);
  if (!keep) await rm(scratch, { recursive: true, force: true });

  return {
    agent: agent.name,
    version,
    variant: options.variant.label,
    model: options.variant.model,
    server: 'script server',
    format: agent.format,
    passed: reasons.length === 0,
    reasons,
    seconds,
    exitCode: exit.code,
    timedOut: exit.timedOut,
    tool: server.state.turn1 ? { name: server.state.turn1.tool.name, kind: server.state.turn1.tool.kind } : undefined,
    requests: exchanges.map(describeExchange),
    checks: server.state.checks.map((c) => ({ ...c })),
    network,
    recordDir,
  };
}

/** The entries `--agent` / `--provider` name (aliases allowed, repeatable or comma-separated); all when none. */
function select<T extends { readonly name: string }>(
  what: string,
  names: string[],
  all: readonly T[],
  aliases: Readonly<Record<string, string>>,
): T[] {
  if (names.length === 0) return [...all];
  const wanted = names.flatMap((n) => n.split(',')).map((n) => aliases[n.trim()] ?? n.trim());
  const unknown = wanted.filter((n) => !all.some((a) => a.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown ${what} ${unknown.join(', ')}; known: ${Object.keys(aliases).join(', ')}`);
  }
  return all.filter((a) => wanted.includes(a.name));
}

/** The line printed for a run, then its reasons when it failed. */
function gatewayLine(r: GatewayRunReport): string {
  const requests = r.upstream.map((u) => `${u.status}${u.stream ? ' stream' : ''}`).join(', ');
  const head = `${r.passed ? 'PASS' : 'FAIL'} ${r.agent} ${r.version} -> gateway -> ${r.provider} (${r.format}, ${r.model})`;
  return [
    `${head} ${r.seconds.toFixed(1)}s upstream: ${requests || 'none'}`,
    ...r.reasons.map((x) => `     ${x}`),
  ].join('\n');
}

async function runMatrix(
  agents: AgentSpec[],
  providers: ProviderSpec[],
  timeoutMs: number,
  keep: boolean,
): Promise<GatewayRunReport[]> {
  const pinned = await pinnedVersions();
  const runs: GatewayRunReport[] = [];
  for (const agent of agents) {
    for (const provider of providers) {
      if (!MATRIX[agent.name].includes(provider.name)) continue;
      const report = await runThroughGateway(agent, pinned[agent.packageName] ?? '?', provider, { timeoutMs, keep });
      runs.push(report);
      console.log(gatewayLine(report));
    }
  }
  return runs;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      agent: { type: 'string', multiple: true, default: [] },
      provider: { type: 'string', multiple: true, default: [] },
      direct: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '240' },
      keep: { type: 'boolean', default: false },
      'report-dir': { type: 'string', default: join(REPO_ROOT, 'reports', 'agents') },
      model: { type: 'string' },
      describe: { type: 'boolean', default: false },
      'trace-network': { type: 'boolean', default: false },
    },
  });
  const agents = select('agent', values.agent ?? [], AGENTS, AGENT_ALIASES);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new Error(`--timeout must be a number of seconds, got ${values.timeout}`);
  const reportDir = values['report-dir'] ?? '';
  if (!values.direct) {
    const providers = select('provider', values.provider ?? [], PROVIDERS, PROVIDER_ALIASES);
    if (!agents.some((a) => providers.some((p) => MATRIX[a.name].includes(p.name)))) {
      throw new Error('no run of the matrix matches the --agent and --provider given');
    }
    await ensureInstalled((line) => console.log(line));
    const started = Date.now();
    const runs = await runMatrix(agents, providers, timeoutMs, values.keep ?? false);
    const passed = runs.filter((r) => r.passed).length;
    console.log(`agents: ${passed} of ${runs.length} runs passed`);
    await writeAgentsReports(reportDir, runs, Date.now() - started);
    console.log(`report: ${relative(process.cwd(), join(reportDir, 'report.html'))} (and report.json, vitest.json)`);
    return Math.min(runs.length - passed, 100);
  }
  return runDirect(agents, values, timeoutMs, reportDir);
}

interface DirectValues {
  readonly keep?: boolean;
  readonly model?: string;
  readonly describe?: boolean;
  readonly 'trace-network'?: boolean;
}

/** `--direct`: each agent against the script server in its own format (no gateway), own and foreign model name. */
async function runDirect(
  agents: AgentSpec[],
  values: DirectValues,
  timeoutMs: number,
  reportDir: string,
): Promise<number> {
  const traceNetwork = values['trace-network'] ?? false;
  if (traceNetwork && !straceAvailable()) throw new Error('--trace-network needs strace (apt-get install -y strace)');
  await ensureInstalled((line) => console.log(line));
  const pinned = await pinnedVersions();
  const recordRoot = await mkdtemp(join(tmpdir(), 'crosswire-e2e-agents-records-'));

  const variants =
    values.model === undefined
      ? VARIANTS
      : [
          {
            label: values.model === 'default' ? 'own' : 'model',
            model: values.model === 'default' ? undefined : values.model,
          },
        ];
  const runs: RunReport[] = [];
  for (const agent of agents) {
    for (const variant of variants) {
      const report = await runOne(agent, pinned[agent.packageName] ?? '?', {
        timeoutMs,
        recordRoot,
        keep: values.keep ?? false,
        variant,
        traceNetwork,
      });
      runs.push(report);
      const kinds = report.requests.map((r) => r.kind).join(', ');
      const model = variant.model ?? 'default model';
      const head = `${report.passed ? 'PASS' : 'FAIL'} ${agent.name} ${report.version} [${model}] -> ${report.server} (${report.format})`;
      console.log(
        `${head} ${report.seconds.toFixed(1)}s tool=${report.tool?.name ?? '-'} requests: ${kinds || 'none'}`,
      );
      for (const reason of report.reasons) console.log(`     ${reason}`);
      if (values.describe) console.log(JSON.stringify(report.requests, null, 1));
    }
  }
  const passed = runs.filter((r) => r.passed).length;
  console.log(`agents: ${passed} of ${runs.length} runs passed`);
  const reportPath = join(reportDir, 'direct.json');
  await mkdir(reportDir, { recursive: true });
  await writeFile(
    reportPath,
    `${JSON.stringify({ generatedBy: 'e2e/agents/run.ts --direct', passed, total: runs.length, runs }, null, 2)}\n`,
  );
  console.log(`report: ${relative(process.cwd(), reportPath)}; full records (request bodies included): ${recordRoot}`);
  return Math.min(runs.length - passed, 100);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
