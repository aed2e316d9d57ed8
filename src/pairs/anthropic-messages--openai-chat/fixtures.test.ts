import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../core/formats.js';
import type { Loss } from '../../core/losses.js';
import type { TranslateOptions } from '../../core/options.js';
import { translateError, translateRequest, translateResponse } from '../../translate/translate.js';
import type { HttpError } from '../pair.js';

/**
 * This pair's non-stream scenarios, run through the public dispatch (`translateRequest` ->
 * `translateResponse` with the request's context, `translateError`). Options as the fixture runner
 * uses them: `{ id: <upstream response id or "<pair>-<scenario>">, created: 1700000000, anthropicVersion? }`.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const PAIRS: [string, FormatId, FormatId][] = [
  ['anthropic-messages--openai-chat', 'anthropic-messages', 'openai-chat'],
  ['openai-chat--anthropic-messages', 'openai-chat', 'anthropic-messages'],
];

interface Meta {
  stream?: boolean;
  anthropicVersion?: '2023-06-01' | '2026-10-21';
  expectLosses?: Loss[];
  options?: TranslateOptions;
}

function read<T>(dir: string, file: string): T | undefined {
  const p = join(dir, file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as T) : undefined;
}

for (const [pair, client, upstream] of PAIRS) {
  const dir = join(ROOT, pair);
  // the non-stream scenarios (stream scenarios are run by the stream tests and the conformance runner)
  const names = existsSync(dir)
    ? readdirSync(dir).filter(
        (n) => existsSync(join(dir, n, 'scenario.json')) && read<Meta>(join(dir, n), 'scenario.json')?.stream !== true,
      )
    : [];
  describe(`fixtures ${pair}`, () => {
    it('has scenarios', () => expect(names.length).toBeGreaterThan(20));
    for (const name of names) {
      it(name, () => {
        const d = join(dir, name);
        const meta = read<Meta>(d, 'scenario.json') ?? {};
        const upstreamResponse = read<{ id?: string }>(d, 'upstream-response.json');
        const options: TranslateOptions = {
          id: upstreamResponse?.id ?? `${pair}-${name}`,
          created: 1700000000,
          ...meta.options,
        };
        if (meta.anthropicVersion) options.anthropicVersion = meta.anthropicVersion;

        const req = translateRequest(client, upstream, read(d, 'client-request.json'), options);
        expect(req.body).toEqual(read(d, 'upstream-request.json'));
        const expected = meta.expectLosses ?? [];
        expect(req.losses.map((l) => l.path).sort()).toEqual(expected.map((l) => l.path).sort());
        for (const e of expected) {
          expect(req.losses.find((l) => l.path === e.path)?.reason).toContain(e.reason);
        }

        if (upstreamResponse !== undefined) {
          const res = translateResponse(upstream, client, upstreamResponse, { ...options, context: req.context });
          expect(res.body).toEqual(read(d, 'client-response.json'));
        }
        const upstreamError = read<HttpError>(d, 'upstream-error.json');
        if (upstreamError !== undefined) {
          expect(translateError(upstream, client, upstreamError, options)).toEqual(read(d, 'client-error.json'));
        }
      });
    }
  });
}
