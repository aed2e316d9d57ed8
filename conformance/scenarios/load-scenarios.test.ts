import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogOf, loadScenario, loadScenarios, ScenarioLoadError, scenarioOptions } from './load-scenarios.js';

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
    expect(() =>
      loadScenario(
        folder('anthropic-messages--openai-chat', 'a', {
          'scenario.json': '{"description":"d"}',
          'client-respons.json': '{}',
        }),
      ),
    ).toThrow(ScenarioLoadError);
    expect(() => loadScenario(folder('anthropic-messages--openai-chat', 'b', { 'scenario.json': '{' }))).toThrow(
      /not valid JSON/,
    );
    expect(() =>
      loadScenario(
        folder('anthropic-messages--openai-chat', 'f', { 'scenario.json': '{"description":"d","features":["tool"]}' }),
      ),
    ).toThrow(/unknown feature "tool"/);
    expect(() => loadScenario(folder('anthropic--openai', 'c', { 'scenario.json': '{"description":"d"}' }))).toThrow(
      /<client-format>--<upstream-format>/,
    );
    expect(() =>
      loadScenario(
        folder('anthropic-messages--openai-chat', 'd', {
          'scenario.json': '{"description":"d"}',
          'client-error.json': '{"body":{}}',
        }),
      ),
    ).toThrow(/status/);
  });

  it('encodes .frames.json streams with the format codec and takes the id from InvokeModel frames', () => {
    const events = [{ type: 'message_start', message: { id: 'msg_f' } }, { type: 'message_stop' }];
    folder('anthropic-messages--bedrock-invoke', 'f', {
      'scenario.json': JSON.stringify({ description: 'd', stream: true }),
      'upstream-stream.frames.json': JSON.stringify(events),
    });
    const [s] = loadScenarios(root);
    expect(s?.upstreamFrames).toEqual(events);
    expect(s?.upstreamStream?.length).toBeGreaterThan(24);
    // an event-stream frame starts with its total length (big-endian)
    expect(s?.upstreamStream && new DataView(s.upstreamStream.buffer).getUint32(0)).toBeLessThan(
      s?.upstreamStream?.length ?? 0,
    );
    expect(s && scenarioOptions(s).id).toBe('msg_f');
  });

  it('refuses frames for SSE formats, both .sse and .frames.json, and frames that are not an array', () => {
    const meta = JSON.stringify({ description: 'd' });
    expect(() =>
      loadScenario(
        folder('openai-chat--anthropic-messages', 'a', { 'scenario.json': meta, 'upstream-stream.frames.json': '[]' }),
      ),
    ).toThrow(/SSE text/);
    expect(() =>
      loadScenario(
        folder('anthropic-messages--bedrock-converse', 'b', {
          'scenario.json': meta,
          'upstream-stream.frames.json': '[]',
          'upstream-stream.sse': 'x',
        }),
      ),
    ).toThrow(/not both/);
    expect(() =>
      loadScenario(
        folder('anthropic-messages--bedrock-converse', 'c', {
          'scenario.json': meta,
          'upstream-stream.frames.json': '{}',
        }),
      ),
    ).toThrow(/JSON array/);
  });

  it('skips folders without scenario.json', () => {
    folder('anthropic-messages--openai-chat', 'notes', { 'README.md': 'x' });
    expect(loadScenarios(root)).toEqual([]);
  });

  it('refuses the URL stream flag in options.context (it is the option options.stream)', () => {
    const options = { model: 'm', context: { stream: true } };
    expect(() =>
      loadScenario(
        folder('gemini--anthropic-messages', 's', { 'scenario.json': JSON.stringify({ description: 'd', options }) }),
      ),
    ).toThrow(/options\.stream/);
  });

  it('loads only the scenarios the selector accepts, knowing their id and formats', () => {
    folder('openai-chat--anthropic-messages', 'a', { 'scenario.json': '{"description":"d"}' });
    folder('openai-chat--gemini', 'b', { 'scenario.json': '{"description":"d"}' });
    // a broken folder that is not selected is never read
    folder('anthropic-messages--gemini', 'c', { 'scenario.json': '{' });
    const seen: string[] = [];
    const loaded = loadScenarios(root, (ref) => {
      seen.push(`${ref.id} ${ref.client} ${ref.upstream}`);
      return ref.upstream === 'gemini' && ref.client === 'openai-chat';
    });
    expect(loaded.map((s) => s.id)).toEqual(['openai-chat--gemini/b']);
    expect(seen).toEqual([
      'anthropic-messages--gemini/c anthropic-messages gemini',
      'openai-chat--anthropic-messages/a openai-chat anthropic-messages',
      'openai-chat--gemini/b openai-chat gemini',
    ]);
  });
});

describe('the scenario catalog (one JSON file, as the package ships fixtures/)', () => {
  it('loads every scenario of fixtures/ as the folders do, byte for byte', () => {
    root = mkdtempSync(join(tmpdir(), 'crosswire-catalog-'));
    const file = join(root, 'catalog.json');
    writeFileSync(file, JSON.stringify(catalogOf()));
    const fromCatalog = loadScenarios(file);
    const fromFolders = loadScenarios();
    expect(fromCatalog.length).toBe(fromFolders.length);
    expect(fromCatalog.length).toBeGreaterThan(400);
    const withoutDir = ({ dir: _dir, ...rest }: (typeof fromFolders)[number]) => rest;
    expect(fromCatalog.map(withoutDir)).toEqual(fromFolders.map(withoutDir));
    expect(fromCatalog[0]?.dir).toBe(`fixtures/${fromCatalog[0]?.id}`);
  });

  it('refuses a file that is not a catalog', () => {
    root = mkdtempSync(join(tmpdir(), 'crosswire-catalog-'));
    writeFileSync(join(root, 'x.json'), '{"fixtures":[]}');
    expect(() => loadScenarios(join(root, 'x.json'))).toThrow(/not a scenario catalog/);
  });
});
