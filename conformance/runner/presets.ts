import type { FormatId } from '../../src/core/formats.js';

/**
 * How the gateway under test is told which upstream to use: the model it is sent (a template over the
 * scenario's provider and model), per-request headers, and for gateways configured by file, that file.
 */
export type Preset = 'crosswire' | 'portkey' | 'litellm' | 'ccr';

export const PRESETS: readonly Preset[] = ['crosswire', 'portkey', 'litellm', 'ccr'];

/** The key the runner sends as a client (and writes into gateway config files as the provider key). */
export const CLIENT_KEY = 'crosswire-conformance-key';

/** The Vertex project and region the runner uses (any value: the mock does not check them). */
export const VERTEX_LOCATION = { project: 'crosswire-conformance', region: 'us-east5' };

/** The provider name of an upstream format (the matrix column, `{provider}` in a model template). */
export function providerOf(format: FormatId): string {
  switch (format) {
    case 'anthropic-messages':
      return 'anthropic';
    case 'openai-chat':
      return 'openai';
    case 'vertex-anthropic':
      return 'vertex';
    case 'bedrock-invoke':
      return 'bedrock';
    case 'bedrock-converse':
      return 'bedrock-converse';
    default:
      return format;
  }
}

/** The base URL a provider's SDK would use for our loopback upstream. */
export function upstreamBase(format: FormatId, mockUrl: string): string {
  return format === 'openai-chat' || format === 'openai-responses' || format === 'anthropic-messages'
    ? `${mockUrl}/v1`
    : mockUrl;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why a model template is unusable (`undefined`: fine). It must hold `{model}`; `{provider}` is optional. */
export function modelTemplateProblem(template: string): string | undefined {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.filter((n) => n !== 'provider' && n !== 'model');
  if (unknown.length) return `unknown placeholder {${unknown[0]}} (use {provider} and {model})`;
  if (!names.includes('model')) return 'the template must contain {model}';
  return undefined;
}

/** The model template of a preset for a scenario's upstream format. */
export function presetModelTemplate(preset: Preset, upstream: FormatId): string {
  switch (preset) {
    case 'crosswire':
      return '@{provider}/{model}';
    case 'litellm':
      return '{provider}/{model}';
    case 'ccr':
      // claude-code-router routes on `provider,model` (the provider's `name` in its config file)
      return '{provider},{model}';
    case 'portkey':
      // Portkey's Vertex provider reads the publisher from the model: `anthropic.<model>`
      return upstream === 'vertex-anthropic' ? 'anthropic.{model}' : '{model}';
  }
}

/** The model sent to the gateway: `template` (or the preset's) with `{provider}` and `{model}` filled in. */
export function routedModel(model: string, upstream: FormatId, preset: Preset, template?: string): string {
  const t = template ?? presetModelTemplate(preset, upstream);
  return t.replace(PLACEHOLDER, (whole, name: string) =>
    name === 'model' ? model : name === 'provider' ? providerOf(upstream) : whole,
  );
}

/**
 * Portkey's per-request routing headers for an upstream format, pointing it at our mock
 * (`x-portkey-custom-host`, the base its provider adds its own paths to); the client's bearer key is
 * passed on as the provider key.
 */
export function portkeyHeaders(format: FormatId, mockUrl: string): Record<string, string> {
  const h: Record<string, string> = { authorization: `Bearer ${CLIENT_KEY}` };
  switch (format) {
    case 'gemini':
      return { ...h, 'x-portkey-provider': 'google', 'x-portkey-custom-host': `${mockUrl}/v1beta` };
    case 'bedrock-invoke':
    case 'bedrock-converse':
      return {
        ...h,
        'x-portkey-provider': 'bedrock',
        'x-portkey-custom-host': mockUrl,
        'x-portkey-aws-access-key-id': 'crosswire',
        'x-portkey-aws-secret-access-key': 'crosswire',
        'x-portkey-aws-region': 'us-east-1',
      };
    case 'vertex-anthropic':
      // Portkey's Vertex paths start with `/v1/projects/…`: the host is the bare mock URL
      return {
        ...h,
        'x-portkey-provider': 'vertex-ai',
        'x-portkey-custom-host': mockUrl,
        'x-portkey-vertex-project-id': VERTEX_LOCATION.project,
        'x-portkey-vertex-region': VERTEX_LOCATION.region,
      };
    default:
      return { ...h, 'x-portkey-provider': providerOf(format), 'x-portkey-custom-host': upstreamBase(format, mockUrl) };
  }
}

/** Headers a preset adds to every client request for a scenario's upstream format. */
export function presetHeaders(preset: Preset, upstream: FormatId, mockUrl: string | undefined): Record<string, string> {
  return preset === 'portkey' && mockUrl ? portkeyHeaders(upstream, mockUrl) : {};
}

/** A gateway's config file, pointing its providers at the scenario upstream. */
export interface GatewayConfigFile {
  /** where the gateway reads it */
  name: string;
  text: string;
}

/**
 * claude-code-router's `config.json`: one provider per upstream it can call, named as `{provider}` in the
 * model template, with the runner's client key as the providers' `api_key`. No `APIKEY`: the router then
 * listens on 127.0.0.1 only and takes any client key (a Gemini client's `x-goog-api-key` included).
 * Vertex (its `vertex-claude` transformer always calls Google's host, with Google credentials) and Bedrock
 * (no transformer) cannot be pointed at the scenario upstream: those routes are not offered.
 */
function ccrConfig(mockUrl: string, gatewayPort: number): GatewayConfigFile {
  const provider = (name: string, path: string, models: string[], transformer?: string) => ({
    name,
    api_base_url: `${mockUrl}${path}`,
    api_key: CLIENT_KEY,
    models,
    ...(transformer ? { transformer: { use: [transformer] } } : {}),
  });
  const config = {
    LOG: true,
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: gatewayPort,
    NON_INTERACTIVE_MODE: true,
    API_TIMEOUT_MS: 20_000,
    Providers: [
      provider('openai', '/v1/chat/completions', ['gpt-4o']),
      provider('anthropic', '/v1/messages', ['claude-sonnet-4-5'], 'Anthropic'),
      provider('gemini', '/v1beta/models/', ['gemini-2.5-flash'], 'gemini'),
    ],
    Router: { default: 'openai,gpt-4o' },
  };
  return { name: '~/.claude-code-router/config.json', text: `${JSON.stringify(config, null, 2)}\n` };
}

/** LiteLLM's proxy `config.yaml`: every `openai/*` and `anthropic/*` model sent to the scenario upstream. */
function litellmConfig(mockUrl: string): GatewayConfigFile {
  const entry = (provider: string, base: string) =>
    [
      `  - model_name: "${provider}/*"`,
      `    litellm_params: { model: "${provider}/*", api_base: "${base}", api_key: "${CLIENT_KEY}" }`,
    ].join('\n');
  const text = ['model_list:', entry('openai', `${mockUrl}/v1`), entry('anthropic', mockUrl), ''].join('\n');
  return { name: 'config.yaml (litellm --config)', text };
}

/**
 * The config file a preset's gateway reads, for the scenario upstream at `mockUrl` (fixed with
 * `--mock-port`) and the gateway listening on `gatewayPort` (claude-code-router's default: 3456).
 * `undefined`: the preset needs no file.
 */
export function presetConfigFile(preset: Preset, mockUrl: string, gatewayPort?: number): GatewayConfigFile | undefined {
  if (preset === 'ccr') return ccrConfig(mockUrl, gatewayPort ?? 3456);
  if (preset === 'litellm') return litellmConfig(mockUrl);
  return undefined;
}
