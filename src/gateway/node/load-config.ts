import { readFileSync } from 'node:fs';
import { configFail, configFromJson, type GatewayConfig } from '../config.js';

/** Read a JSON config file (or none) and apply the environment. */
export function loadConfig(file?: string, env: Record<string, string | undefined> = process.env): GatewayConfig {
  if (!file) return configFromJson({}, env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    configFail(`cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    configFail(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return configFromJson(json, env);
}
