import { type GatewayConfig, type ProviderConfig, providerNamed } from './config.js';

export type ModelRoute =
  | { ok: true; providerName: string; provider: ProviderConfig; model: string; rewritten: boolean }
  | { ok: false; status: 400 | 404; message: string };

/**
 * Pick the provider for a model name: `@provider/model` (Portkey's spelling), `provider/model`
 * when `provider` is configured, or the default provider for a bare name.
 * `rewritten` says whether the model name sent upstream differs from the client's.
 */
export function routeModel(config: GatewayConfig, model: string): ModelRoute {
  let providerName: string | undefined;
  let upstreamModel = model;
  const slash = model.indexOf('/');
  if (model.startsWith('@')) {
    if (slash < 2 || slash === model.length - 1) {
      return { ok: false, status: 400, message: `model "${model}" must look like @provider/model` };
    }
    providerName = model.slice(1, slash);
    upstreamModel = model.slice(slash + 1);
    if (!providerNamed(config, providerName)) {
      return { ok: false, status: 404, message: `unknown provider "${providerName}" in model "${model}"` };
    }
  } else if (slash > 0 && slash < model.length - 1 && providerNamed(config, model.slice(0, slash))) {
    providerName = model.slice(0, slash);
    upstreamModel = model.slice(slash + 1);
  } else if (config.defaultProvider && providerNamed(config, config.defaultProvider)) {
    providerName = config.defaultProvider;
  } else {
    return {
      ok: false,
      status: 400,
      message: `model "${model}" names no provider; use @provider/model (providers: ${Object.keys(config.providers).join(', ')})`,
    };
  }
  const provider = providerNamed(config, providerName)!;
  if (provider.models && !provider.models.includes(upstreamModel)) {
    return { ok: false, status: 404, message: `model "${upstreamModel}" is not served by provider "${providerName}"` };
  }
  return { ok: true, providerName, provider, model: upstreamModel, rewritten: upstreamModel !== model };
}
