import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarios, ScenarioLoadError, scenarioOptions } from './load-scenarios.js';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

function folder(pair: string, name: string, files: Record<string, string>): string {
  root ||= mkdtempSync(join(tmpdir(), 'crosswire-scenarios-'));
  const dir = join(root, pair, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

describe('loadScenarios', () => {
  it('loads a folder, with the stream bytes untouched and the id taken from the upstream stream', () => {
    folder('openai-chat--anthropic-messages', 'cut', {
      'scenario.json': JSON.stringify({ description: 'd', features: ['truncated-stream'], stream: true }),
      'upstream-stream.sse': 'event: message_start\r\ndata: {"type":"message_start","message":{"id":"msg_1"}}\r\n\r\n',
    });
    const [s] = loadScenarios(root);
    expect(s?.id).toBe('openai-chat--anthropic-messages/cut');
    expect(s?.client).toBe('openai-chat');
    expect(s?.upstream).toBe('anthropic-messages');
    expect(s?.meta.expectStreamError).toBe(true);
    expect(new TextDecoder().decode(s?.upstreamStream)).toContain('\r\n');
    expect(s && scenarioOptions(s)).toEqual({ id: 'msg_1', created: 1700000000 });
  });

  it('lets scenario.json options win', () => {
    folder('anthropic-messages--openai-chat', 'x', {
      'scenario.json': JSON.stringify({ description: 'd', options: { id: 'msg_x' }, anthropicVersion: '2026-10-21' }),
      'upstream-response.json': JSON.stringify({ id: 'chatcmpl-1' }),
    });
    const [s] = loadScenarios(root);
    expect(s && scenarioOptions(s)).toEqual({ id: 'msg_x', created: 1700000000, anthropicVersion: '2026-10-21' });
  });

  it('refuses unknown files, bad JSON, bad pair names and bad error files', () => {
    expect(() => loadScenario(folder('anthropic-messages--openai-chat', 'a', { 'scenario.json': '{"description":"d"}', 'client-respons.json': '{}' }))).toThrow(
      ScenarioLoadError,
    );
    expect(() => loadScenario(folder('anthropic-messages--openai-chat', 'b', { 'scenario.json': '{' }))).toThrow(/not valid JSON/);
    expect(() => loadScenario(folder('anthropic--openai', 'c', { 'scenario.json': '{"description":"d"}' }))).toThrow(/<client-format>--<upstream-format>/);
    expect(() =>
      loadScenario(folder('anthropic-messages--openai-chat', 'd', { 'scenario.json': '{"description":"d"}', 'client-error.json': '{"body":{}}' })),
    ).toThrow(/status/);
  });

  it('skips folders without scenario.json', () => {
    folder('anthropic-messages--openai-chat', 'notes', { 'README.md': 'x' });
    expect(loadScenarios(root)).toEqual([]);
  });
});
