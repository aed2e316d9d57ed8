// The package's "exports", as code inside the repository sees them: every entry resolves, through the
// `crosswire:source` condition (vitest.config.ts, tsconfig.json), to its TypeScript source, and exports what its
// part of the API is. (The built package is checked by the consumer test, test/consumer.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

/** A few names each entry must export (its purpose), and names the root must not (internals). */
const EXPECTED: Record<string, string[]> = {
  '.': ['translateRequest', 'translateResponse', 'translateError', 'translateStream', 'createStreamTranslator'],
  './validate': ['validateRequest', 'validateResponse', 'validateStreamEvent'],
  './formats': [
    'getCodec',
    'createAnthropicDecodeStream',
    'openaiErrorBody',
    'geminiTarget',
    'parseBedrockConversePath',
    'responsesErrorBody',
  ],
  './wire': ['SSEParser', 'encodeSSE', 'createSSEDecoderStream', 'encodeMessage', 'decodeMessage', 'crc32'],
  './pairs/openai': ['openaiRequestToAnthropic', 'anthropicResponseToOpenAI', 'createAnthropicToOpenAIStream'],
  './pairs/gemini': ['geminiRequestToAnthropic', 'anthropicRequestToGemini', 'createGeminiToAnthropicStream'],
  './pairs/converse': ['converseRequestToAnthropic', 'anthropicRequestToConverse', 'anthropicErrorToConverse'],
  './pairs/invoke': ['bedrockInvokeRequestToAnthropic', 'anthropicRequestToBedrockInvoke'],
  './pairs/vertex': ['vertexRequestToAnthropic', 'anthropicRequestToVertex'],
  './pairs/responses': [
    'responsesRequestToAnthropic',
    'anthropicRequestToResponses',
    'createAnthropicToResponsesStream',
  ],
  './media': ['resolveMedia', 'findUrlMedia'],
  './media/node': ['nodeResolve'],
  './gateway': ['createGateway', 'configFromJson', 'routeModel'],
  './gateway/node': ['createGateway', 'serveGateway', 'loadConfig', 'createNodeUpstreamFetch', 'configFromJson'],
  './conformance': ['checkAnthropicStream', 'createAnthropicMock', 'createGeminiMock', 'serveOnLoopback'],
  './conformance/msw': ['toMswHandlers'],
};
const ROOT_INTERNALS = ['LossCollector', 'childPath', 'route', 'SSEParser', 'translateStreamWith', 'getCodec', 'PAIRS'];

const entries = Object.entries(manifest.exports).filter(([key]) => key !== './package.json');

describe('package.json exports', () => {
  it('lists the entries the API has, each with a source, types and the built file', () => {
    expect(entries.map(([key]) => key).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [key, value] of entries) {
      expect(typeof value, key).toBe('object');
      const target = value as Record<string, string>;
      expect(Object.keys(target), key).toEqual(['crosswire:source', 'types', 'default']);
      expect(existsSync(join(ROOT, target['crosswire:source']!)), `${key}: ${target['crosswire:source']}`).toBe(true);
      const built = target['crosswire:source']!.replace(/^\.\//, './dist/').replace(/\.ts$/, '');
      expect([target.types, target.default], key).toEqual([`${built}.d.ts`, `${built}.js`]);
    }
  });

  it('tsconfig.build.json compiles every entry (and the CLI)', () => {
    // tsconfig files may hold comments
    const text = readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const { files } = JSON.parse(text) as { files: string[] };
    const sources = entries.map(([, v]) => (v as Record<string, string>)['crosswire:source']!.replace(/^\.\//, ''));
    expect([...files].sort()).toEqual([...sources, 'bin/cli.ts'].sort());
  });

  const specifiers = entries.map(([key]) => [key === '.' ? 'crosswire' : `crosswire${key.slice(1)}`, key]);
  it.each(specifiers)('import("%s") resolves to the sources and exports its part', async (specifier, key) => {
    const module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    for (const name of EXPECTED[key]!) expect(typeof module[name], `${specifier} exports ${name}`).toBe('function');
    if (key === '.') {
      expect(Object.keys(module).filter((n) => ROOT_INTERNALS.includes(n))).toEqual([]);
      // the very module of the sources, not a build of it
      const source = await import('../../src/translate/translate.js');
      expect(module.translateRequest).toBe(source.translateRequest);
    }
  });
});
