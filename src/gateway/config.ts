import { type FormatId, isFormatId } from '../core/formats.js';
import type { AnthropicVersion, Loss } from '../core/index.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '../media/index.js';
import { type GatewayMediaConfig, MEDIA_MODES, type MediaMode } from './media-config.js';
import type { UpstreamFetch } from './upstream-fetch.js';

/** One upstream the gateway can send requests to. */
export interface ProviderConfig {
  /** the wire format the upstream speaks */
  format: FormatId;
  /**
   * Where the format's endpoint path is appended, as the official SDKs spell their base URLs:
   * Anthropic `https://api.anthropic.com` (+ `/v1/messages`), OpenAI `https://api.openai.com/v1`
   * (+ `/chat/completions`), Gemini `https://generativelanguage.googleapis.com` (+ `/v1beta/models/...`).
   */
  baseUrl: string;
  /** the key the gateway sends upstream (never the client's key, unless `forwardClientKey`) */
  apiKey?: string;
  /** Anthropic upstreams: `x-api-key` (default) or `bearer` (`Authorization: Bearer`) */
  authStyle?: 'x-api-key' | 'bearer';
  /** Anthropic upstreams: the API version to speak when the client is not Anthropic (default `2023-06-01`) */
  anthropicVersion?: AnthropicVersion;
  /** send the client's own key upstream instead of `apiKey` (off by default) */
  forwardClientKey?: boolean;
  /** extra headers sent upstream on every request */
  headers?: Record<string, string>;
  /** if set, only these model names are routed to this provider (others: 404) */
  models?: string[];
  /** Vertex: the Google Cloud project and region in the rawPredict path */
  project?: string;
  region?: string;
  /**
   * Media by URL the provider's format cannot take (docs/gateway.md#media): `inline` fetches it and sends the
   * bytes, `pass` leaves it to the translator (reported as a loss), `refuse` answers 400 naming it. Default:
   * `inline` for Bedrock Converse and InvokeModel, Gemini and OpenAI Chat, `pass` for the others (they fetch URLs).
   */
  media?: MediaMode;
  /** this provider's resolver limits, over `GatewayConfig.media.limits` (e.g. Bedrock's 3.75 MB per image) */
  mediaLimits?: Partial<MediaLimits>;
}

export interface LossLogEntry {
  requestId: string;
  direction: 'request' | 'response' | 'stream';
  clientFormat: FormatId;
  providerFormat: FormatId;
  provider: string;
  /** the first `maxReportedLosses` losses */
  losses: readonly Loss[];
  /** how many more there were */
  lossesOmitted?: number;
}

export interface GatewayConfig {
  providers: Record<string, ProviderConfig>;
  /** provider used for model names without a provider prefix (none: such names are a 400) */
  defaultProvider?: string;
  /** request bodies over this many bytes get a 413 (default 32 MB, Anthropic's Messages limit) */
  maxBodyBytes?: number;
  /** abort an upstream stream that sends nothing for this long (ms, default 120000) */
  idleTimeoutMs?: number;
  /** turn every translation loss into a 400 instead of a logged loss */
  strict?: boolean;
  /** keys clients must present (x-api-key or Authorization: Bearer); none: open gateway */
  clientKeys?: string[];
  /**
   * Host names (the request URL's host: the `Host` header, or an absolute-form target) the gateway answers
   * besides the loopback names and addresses, which it always answers (`localhost`, `*.localhost`, `127.0.0.0/8`,
   * `::1`). `"example.com"` matches that name, `".example.com"` it and its subdomains, `"*"` any host. Default:
   * loopback only when no `clientKeys` are set (a web page that rebinds a DNS name to the gateway's address
   * cannot use it), any host when they are. Other hosts get 403. docs/security.md
   */
  allowedHosts?: string[];
  /** deepest nesting of arrays and objects in a request body (default 128); deeper: 400 naming the path */
  maxJsonDepth?: number;
  /** the whole request body must arrive within this time after the headers (ms, default 60000); else 408 */
  bodyTimeoutMs?: number;
  /** bytes of request bodies being read or handled at once, across requests (default 128 MB); past it: 503 with retry-after */
  maxInFlightBodyBytes?: number;
  /**
   * An upstream's 401 or 403 (and Google's 400 `API_KEY_INVALID`) to the gateway's own credentials: `"gateway"`
   * (default) answers 502 naming the provider's credentials, since the client's key is not at fault; `"relay"`
   * translates it like any upstream error, status kept (what a translating proxy does; the conformance suite's
   * error scenarios check that translation). Either way configured secrets are redacted. With
   * `forwardClientKey` the upstream judged the client's key: always relayed.
   */
  upstreamAuthErrors?: 'gateway' | 'relay';
  /** losses listed per log line and in `x-crosswire-loss-detail` at most (default 50; the rest are counted) */
  maxReportedLosses?: number;
  /** Node server: the request headers must arrive within this time (ms, default 10000) */
  headersTimeoutMs?: number;
  /** Node server: idle keep-alive connections are closed after this time (ms, default 5000) */
  keepAliveTimeoutMs?: number;
  /** Node server: a client that takes no response bytes for this long is dropped and its upstream aborted (ms, default 60000) */
  writeTimeoutMs?: number;
  /** Node server: open connections at most (default 1024); more are closed as they arrive */
  maxConnections?: number;
  /** the media resolver: allowed hosts, `http`, limits, and its fetch and DNS (docs/gateway.md#media) */
  media?: GatewayMediaConfig;
  /** where losses and upstream faults are logged (default: one JSON line on stderr) */
  log?: (entry: LossLogEntry | { event: string; [key: string]: unknown }) => void;
  /** a web `Request` handler that answers every upstream call instead of the network (tests hand in mock handlers) */
  fetch?: (req: Request) => Promise<Response>;
  /**
   * the upstream HTTP client, called as `fetch(url, init)` is (default in Node: a `node:http` client with
   * keep-alive agents, `createNodeUpstreamFetch()`, set by `createGateway` of `crosswire/gateway`; elsewhere: `fetch`). Pass `fetch` to use undici.
   */
  upstreamFetch?: UpstreamFetch;
  /** clock in ms (default Date.now) */
  now?: () => number;
  /** random id source (default crypto.randomUUID) */
  randomId?: () => string;
}

const BUILTIN: Record<string, ProviderConfig> = Object.assign(Object.create(null), {
  anthropic: { format: 'anthropic-messages', baseUrl: 'https://api.anthropic.com' },
  openai: { format: 'openai-chat', baseUrl: 'https://api.openai.com/v1' },
});

/**
 * The configured provider of that name, looked up as an own property only: `constructor`, `__proto__` or
 * `hasOwnProperty` name no provider, whatever object holds the providers.
 */
export function providerNamed(config: Pick<GatewayConfig, 'providers'>, name: string): ProviderConfig | undefined {
  return Object.hasOwn(config.providers, name) ? config.providers[name] : undefined;
}

/** `my-openai` -> `MY_OPENAI` (the provider part of `CROSSWIRE_<NAME>_BASE_URL`). */
export function envName(provider: string): string {
  return provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export function configFail(message: string): never {
  throw new Error(`crosswire config: ${message}`);
}

function parseProvider(
  name: string,
  raw: unknown,
  base: ProviderConfig | undefined,
  env: Record<string, string | undefined>,
): ProviderConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) configFail(`providers.${name} must be an object`);
  const r = raw as Record<string, unknown>;
  const format = r.format ?? base?.format;
  if (!isFormatId(format)) configFail(`providers.${name}.format must be a format id, got ${JSON.stringify(format)}`);
  const baseUrl = r.baseUrl ?? base?.baseUrl;
  if (typeof baseUrl !== 'string') configFail(`providers.${name}.baseUrl must be a URL string`);
  const p: ProviderConfig = { format, baseUrl };
  if (typeof r.apiKey === 'string') p.apiKey = r.apiKey;
  if (typeof r.apiKeyEnv === 'string' && env[r.apiKeyEnv]) p.apiKey = env[r.apiKeyEnv];
  if (r.authStyle === 'x-api-key' || r.authStyle === 'bearer') p.authStyle = r.authStyle;
  else if (r.authStyle !== undefined) configFail(`providers.${name}.authStyle must be "x-api-key" or "bearer"`);
  if (r.anthropicVersion === '2023-06-01' || r.anthropicVersion === '2026-10-21')
    p.anthropicVersion = r.anthropicVersion;
  else if (r.anthropicVersion !== undefined)
    configFail(`providers.${name}.anthropicVersion must be "2023-06-01" or "2026-10-21"`);
  if (typeof r.forwardClientKey === 'boolean') p.forwardClientKey = r.forwardClientKey;
  if (typeof r.headers === 'object' && r.headers !== null) {
    p.headers = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') p.headers[k] = v;
  }
  if (Array.isArray(r.models)) p.models = r.models.filter((m): m is string => typeof m === 'string');
  if (typeof r.project === 'string') p.project = r.project;
  if (typeof r.region === 'string') p.region = r.region;
  if ((MEDIA_MODES as readonly unknown[]).includes(r.media)) p.media = r.media as MediaMode;
  else if (r.media !== undefined) configFail(`providers.${name}.media must be "inline", "pass" or "refuse"`);
  if (r.mediaLimits !== undefined) p.mediaLimits = parseMediaLimits(r.mediaLimits, `providers.${name}.mediaLimits`);
  return p;
}

/** Resolver limits from a config file: known names only, each a whole number (at least 1; `maxRedirects` 0). */
export function parseMediaLimits(raw: unknown, what: string): Partial<MediaLimits> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) configFail(`${what} must be an object`);
  const out: Partial<MediaLimits> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!Object.hasOwn(DEFAULT_MEDIA_LIMITS, k))
      configFail(`${what}.${k} is not a media limit (${Object.keys(DEFAULT_MEDIA_LIMITS).join(', ')})`);
    const min = k === 'maxRedirects' ? 0 : 1;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      configFail(`${what}.${k} must be a whole number of at least ${min}`);
    out[k as keyof MediaLimits] = v;
  }
  return out;
}

function parseMedia(raw: unknown, env: Record<string, string | undefined>): GatewayMediaConfig | undefined {
  const fromEnv = env.CROSSWIRE_MEDIA_ALLOW_HOSTS;
  if (raw === undefined && !fromEnv) return undefined;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
    configFail('media must be an object');
  const r = (raw ?? {}) as Record<string, unknown>;
  const media: GatewayMediaConfig = {};
  if (fromEnv)
    media.allowHosts = fromEnv
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
  else if (r.allowHosts !== undefined) {
    if (!Array.isArray(r.allowHosts) || !r.allowHosts.every((h) => typeof h === 'string'))
      configFail('media.allowHosts must be a list of host names, addresses or CIDR ranges');
    media.allowHosts = r.allowHosts as string[];
  }
  if (typeof r.allowHttp === 'boolean') media.allowHttp = r.allowHttp;
  else if (r.allowHttp !== undefined) configFail('media.allowHttp must be true or false');
  if (r.limits !== undefined) media.limits = parseMediaLimits(r.limits, 'media.limits');
  return media;
}

/**
 * Build a gateway config from a parsed JSON config file (may be `{}`) and the environment.
 * Built-in providers `anthropic` and `openai` point at the real APIs; for every provider,
 * `CROSSWIRE_<NAME>_BASE_URL`, `CROSSWIRE_<NAME>_API_KEY` and `CROSSWIRE_<NAME>_FORMAT` override the file.
 * `CROSSWIRE_PROVIDERS=a,b` declares further providers from the environment alone.
 */
export function configFromJson(json: unknown, env: Record<string, string | undefined> = process.env): GatewayConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    configFail('the config file must hold a JSON object');
  const j = json as Record<string, unknown>;
  const rawProviders = (j.providers ?? {}) as Record<string, unknown>;
  if (typeof rawProviders !== 'object' || rawProviders === null || Array.isArray(rawProviders))
    configFail('providers must be an object');
  const names = new Set([...Object.keys(BUILTIN), ...Object.keys(rawProviders)]);
  for (const n of (env.CROSSWIRE_PROVIDERS ?? '').split(',')) if (n.trim()) names.add(n.trim());
  // no prototype: a provider may be called `constructor` or `__proto__` and still be only itself
  const providers = Object.create(null) as Record<string, ProviderConfig>;
  for (const name of names) {
    const e = envName(name);
    const fromFile = (Object.hasOwn(rawProviders, name) ? rawProviders[name] : undefined) ?? {};
    const merged: Record<string, unknown> = { ...(fromFile as object) };
    if (env[`CROSSWIRE_${e}_FORMAT`]) merged.format = env[`CROSSWIRE_${e}_FORMAT`];
    if (env[`CROSSWIRE_${e}_BASE_URL`]) merged.baseUrl = env[`CROSSWIRE_${e}_BASE_URL`];
    if (env[`CROSSWIRE_${e}_API_KEY`]) merged.apiKey = env[`CROSSWIRE_${e}_API_KEY`];
    if (env[`CROSSWIRE_${e}_PROJECT`]) merged.project = env[`CROSSWIRE_${e}_PROJECT`];
    if (env[`CROSSWIRE_${e}_REGION`]) merged.region = env[`CROSSWIRE_${e}_REGION`];
    if (env[`CROSSWIRE_${e}_MEDIA`]) merged.media = env[`CROSSWIRE_${e}_MEDIA`];
    providers[name] = parseProvider(name, merged, BUILTIN[name], env);
  }
  const config: GatewayConfig = { providers };
  const def = env.CROSSWIRE_DEFAULT_PROVIDER ?? j.defaultProvider;
  if (typeof def === 'string') {
    if (!providerNamed(config, def)) configFail(`defaultProvider ${def} is not a configured provider`);
    config.defaultProvider = def;
  }
  const num = (v: unknown, what: string): number | undefined => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) configFail(`${what} must be a positive number`);
    return n;
  };
  const idle = num(env.CROSSWIRE_IDLE_TIMEOUT_MS ?? j.idleTimeoutMs, 'idleTimeoutMs');
  if (idle !== undefined) config.idleTimeoutMs = idle;
  for (const key of NUMBERS) {
    const n = num(j[key], key);
    if (n !== undefined) config[key] = n;
  }
  if (j.strict === true) config.strict = true;
  if (j.upstreamAuthErrors === 'gateway' || j.upstreamAuthErrors === 'relay')
    config.upstreamAuthErrors = j.upstreamAuthErrors;
  else if (j.upstreamAuthErrors !== undefined) configFail('upstreamAuthErrors must be "gateway" or "relay"');
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string' && k !== '') : undefined;
  const keys = env.CROSSWIRE_CLIENT_KEYS ? env.CROSSWIRE_CLIENT_KEYS.split(',').filter(Boolean) : strings(j.clientKeys);
  if (keys) config.clientKeys = keys;
  const hosts = env.CROSSWIRE_ALLOWED_HOSTS
    ? env.CROSSWIRE_ALLOWED_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : strings(j.allowedHosts);
  if (hosts) config.allowedHosts = hosts;
  const media = parseMedia(j.media, env);
  if (media) config.media = media;
  return config;
}

/** The numeric limits a config file may set (positive numbers). */
const NUMBERS = [
  'maxBodyBytes',
  'maxJsonDepth',
  'bodyTimeoutMs',
  'maxInFlightBodyBytes',
  'maxReportedLosses',
  'headersTimeoutMs',
  'keepAliveTimeoutMs',
  'writeTimeoutMs',
  'maxConnections',
] as const satisfies readonly (keyof GatewayConfig)[];
