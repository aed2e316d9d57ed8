/**
 * How each coding agent is started headless against a server we control: its config files in a temporary
 * HOME, its environment (nothing inherited from ours but PATH and the locale), its command line, and where its
 * final answer is printed. README.md in this folder explains every setting.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentFormat } from './script-server/plan.js';
import type { Target } from './script-server/server.js';

export type AgentName = 'claude-code' | 'codex' | 'gemini-cli';

export interface AgentRunContext {
  /** this folder's node_modules/.bin */
  readonly binDir: string;
  /** the run's temporary HOME (also the agent's config home) */
  readonly home: string;
  /** the run's temporary working directory */
  readonly workdir: string;
  readonly target: Target;
  readonly prompt: string;
  /** the model name the agent asks the server for; undefined: the agent's own default */
  readonly model: string | undefined;
  /** per-request timeout handed to the agent, where it has one */
  readonly requestTimeoutMs: number;
}

export interface AgentCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** a file the agent writes its final answer to, when it has such an option */
  readonly answerFile?: string;
}

export interface AgentSpec {
  readonly name: AgentName;
  /** the npm package that ships it (pinned in package.json) */
  readonly packageName: string;
  /** the wire format it speaks */
  readonly format: AgentFormat;
  prepare(ctx: AgentRunContext): Promise<AgentCommand>;
  /** the final answer, from what the agent printed (and the text of its answer file, if it has one) */
  finalAnswer(stdout: string, answerText: string | undefined): string;
}

/** The environment every agent starts from: nothing of ours but PATH, the locale and a plain terminal. */
function baseEnv(ctx: AgentRunContext): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: ctx.home,
    TMPDIR: join(ctx.home, 'tmp'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    CI: '1',
  };
}

const modelArgs = (ctx: AgentRunContext): string[] => (ctx.model === undefined ? [] : ['--model', ctx.model]);

const claudeCode: AgentSpec = {
  name: 'claude-code',
  packageName: '@anthropic-ai/claude-code',
  format: 'anthropic-messages',
  async prepare(ctx) {
    const env = {
      ...baseEnv(ctx),
      ANTHROPIC_BASE_URL: ctx.target.origin,
      ANTHROPIC_API_KEY: ctx.target.apiKey,
      // Side requests (title generation, ...) use the "small fast" model: ask for the same model.
      ...(ctx.model === undefined
        ? {}
        : { ANTHROPIC_DEFAULT_HAIKU_MODEL: ctx.model, ANTHROPIC_SMALL_FAST_MODEL: ctx.model }),
      CLAUDE_CONFIG_DIR: join(ctx.home, '.claude'),
      // Only the model API: no telemetry, error reports, auto-update, feature flags, release notes, and no
      // `HEAD /api/hello` connectivity check (it implies DISABLE_TELEMETRY, DISABLE_AUTOUPDATER, ...).
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      API_TIMEOUT_MS: String(ctx.requestTimeoutMs),
      // A failed request fails the run instead of being retried (a retry would hide a gateway defect).
      CLAUDE_CODE_MAX_RETRIES: '0',
    };
    return {
      command: join(ctx.binDir, 'claude'),
      args: [
        '-p',
        ctx.prompt,
        ...modelArgs(ctx),
        '--output-format',
        'json',
        // Only the tool the script calls is pre-approved; nothing asks (there is no one to ask in -p mode).
        '--allowedTools',
        'Write',
        '--no-session-persistence',
      ],
      env,
    };
  },
  finalAnswer(stdout) {
    // --output-format json prints one object: { type: "result", result: "<final text>", is_error, ... }
    const parsed: unknown = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    const result = (parsed as { result?: unknown }).result;
    return typeof result === 'string' ? result : '';
  },
};

const codex: AgentSpec = {
  name: 'codex',
  packageName: '@openai/codex',
  format: 'openai-responses',
  async prepare(ctx) {
    const codexHome = join(ctx.home, '.codex');
    await mkdir(codexHome, { recursive: true });
    const toml = (s: string) => JSON.stringify(s);
    await writeFile(
      join(codexHome, 'config.toml'),
      [
        ...(ctx.model === undefined ? [] : [`model = ${toml(ctx.model)}`]),
        'model_provider = "crosswire"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.crosswire]',
        'name = "crosswire e2e"',
        `base_url = ${toml(`${ctx.target.origin}/v1`)}`,
        'env_key = "CROSSWIRE_E2E_API_KEY"',
        'wire_api = "responses"',
        `stream_idle_timeout_ms = ${ctx.requestTimeoutMs}`,
        'request_max_retries = 0',
        'stream_max_retries = 0',
        '',
        '[features]',
        '# The curated-plugin sync reaches GitHub and chatgpt.com at start-up.',
        'plugins = false',
        '',
        '[analytics]',
        '# Metrics export (OTLP to an OpenAI host) at shutdown.',
        'enabled = false',
        '',
      ].join('\n'),
    );
    const answerFile = join(ctx.home, 'codex-last-message.txt');
    return {
      command: join(ctx.binDir, 'codex'),
      args: [
        'exec',
        '--skip-git-repo-check',
        // No approval prompts and no sandbox: the run's HOME and workdir are already throw-away directories.
        '--dangerously-bypass-approvals-and-sandbox',
        '--color',
        'never',
        '-C',
        ctx.workdir,
        '--output-last-message',
        answerFile,
        ctx.prompt,
      ],
      env: { ...baseEnv(ctx), CODEX_HOME: codexHome, CROSSWIRE_E2E_API_KEY: ctx.target.apiKey },
      answerFile,
    };
  },
  finalAnswer(stdout, answerText) {
    return answerText ?? stdout;
  },
};

const geminiCli: AgentSpec = {
  name: 'gemini-cli',
  packageName: '@google/gemini-cli',
  format: 'gemini',
  async prepare(ctx) {
    const dir = join(ctx.home, '.gemini');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'settings.json'),
      `${JSON.stringify(
        {
          security: { auth: { selectedType: 'gemini-api-key' } },
          // maxAttempts 1: a failed request fails the run instead of being retried.
          general: { enableAutoUpdate: false, enableAutoUpdateNotification: false, maxAttempts: 1 },
          privacy: { usageStatisticsEnabled: false },
          telemetry: { enabled: false },
        },
        null,
        2,
      )}\n`,
    );
    return {
      command: join(ctx.binDir, 'gemini'),
      args: ['-p', ctx.prompt, ...modelArgs(ctx), '--approval-mode', 'yolo', '--output-format', 'json'],
      env: {
        ...baseEnv(ctx),
        GEMINI_API_KEY: ctx.target.apiKey,
        GOOGLE_GEMINI_BASE_URL: ctx.target.origin,
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
      },
    };
  },
  finalAnswer(stdout) {
    // --output-format json prints one object: { response: "<final text>", stats, error? }
    const start = stdout.indexOf('{');
    const parsed: unknown = JSON.parse(start >= 0 ? stdout.slice(start) : stdout);
    const response = (parsed as { response?: unknown }).response;
    return typeof response === 'string' ? response : '';
  },
};

export const AGENTS: readonly AgentSpec[] = [claudeCode, codex, geminiCli];

export async function readAnswerFile(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
