/**
 * Properties of `resolveMedia` over random Messages requests with URL sources in random places (turns, tool results,
 * custom-content documents) among decoys that look like URLs but are not media sources: the sources the target cannot
 * take are replaced at exactly their paths, by the bytes served for their URL; nothing else changes; each distinct URL
 * is fetched once; the input is never written to. The expected places come from how the body was built, not from the
 * resolver's own walk. Runs: `CROSSWIRE_PROPERTY_RUNS` (conformance/properties/runs.ts).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { deepFreeze } from '../../conformance/arbitraries/deep-freeze.js';
import { params } from '../../conformance/properties/runs.js';
import { SAMPLES, type SampleType } from '../../test/support/media-server.js';
import type { FormatId } from '../core/formats.js';
import { formatPath } from '../core/json-path.js';
import type { MediaFetch } from './fetch-media.js';
import { replaceAt } from './replace-at.js';
import { resolveMedia } from './resolve-media.js';

type Keys = (string | number)[];
interface Placement {
  keys: Keys;
  url: string;
  slot: 'image' | 'document';
}
interface Placed {
  value: unknown;
  at: Placement[];
}

/**
 * What each URL serves. http variants exist for Gemini (which fetches https documents itself); a GIF is not a Gemini
 * type, so a Gemini request that places one is refused.
 */
const SERVED = new Map<string, SampleType>();
for (const scheme of ['https', 'http']) {
  for (const [i, t] of (['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const).entries()) {
    SERVED.set(`${scheme}://media.example/i${i}.${t.slice(6)}`, t);
  }
  SERVED.set(`${scheme}://docs.example/report.pdf`, 'application/pdf');
  SERVED.set(`${scheme}://docs.example/notes.txt`, 'text/plain');
}
const IMAGE_URLS = [...SERVED].filter(([, t]) => t.startsWith('image/')).map(([u]) => u);
const DOC_URLS = [...SERVED].filter(([, t]) => !t.startsWith('image/')).map(([u]) => u);

const leaf = (value: unknown): Placed => ({ value, at: [] });
const under = (prefix: Keys, p: Placement[]) => p.map((x) => ({ ...x, keys: [...prefix, ...x.keys] }));

const text = fc.string({ maxLength: 12 }).map((t) => leaf({ type: 'text', text: t }));
/** Blocks that hold URL-looking strings but no URL media source. */
const decoy = fc.oneof(
  fc
    .constantFrom(...IMAGE_URLS)
    .map((u) => leaf({ type: 'search_result', source: u, title: 't', content: [{ type: 'text', text: 'r' }] })),
  fc
    .constantFrom(...IMAGE_URLS)
    .map((u) =>
      leaf({ type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'web_fetch_result', url: u } }),
    ),
  fc.constantFrom(...IMAGE_URLS).map((u) =>
    leaf({
      type: 'tool_use',
      id: 'toolu_1',
      name: 'get',
      input: { type: 'url', url: u, source: { type: 'url', url: u } },
    }),
  ),
  fc.constantFrom(...IMAGE_URLS).map((u) => leaf({ type: 'image', source: { type: 'URL', url: u } })),
  fc.constantFrom(...IMAGE_URLS).map((u) => leaf({ type: 'text', text: u, source: { type: 'url', url: u } })),
  fc.constant(leaf({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } })),
  fc.constant(leaf({ type: 'document', source: { type: 'url', url: 7 } })),
  fc.constant(leaf({ type: 'image', source: { type: 'file', file_id: 'file_1' } })),
);
const cache = fc.option(fc.constant({ type: 'ephemeral' }), { nil: undefined });
const image = fc.tuple(fc.constantFrom(...IMAGE_URLS), cache).map(
  ([url, cc]): Placed => ({
    value: { type: 'image', source: { type: 'url', url }, ...(cc ? { cache_control: cc } : {}) },
    at: [{ keys: ['source'], url, slot: 'image' }],
  }),
);
const document = fc.tuple(fc.constantFrom(...DOC_URLS), fc.option(fc.string({ maxLength: 8 }), { nil: undefined })).map(
  ([url, title]): Placed => ({
    value: { type: 'document', source: { type: 'url', url }, ...(title === undefined ? {} : { title }) },
    at: [{ keys: ['source'], url, slot: 'document' }],
  }),
);
const list = (items: fc.Arbitrary<Placed>, prefix: Keys, max: number) =>
  fc
    .array(items, { maxLength: max })
    .map((ps) => ({ value: ps.map((p) => p.value), at: ps.flatMap((p, i) => under([...prefix, i], p.at)) }));
const contentDocument = list(fc.oneof(text, image), [], 3).map(
  (inner): Placed => ({
    value: { type: 'document', source: { type: 'content', content: inner.value } },
    at: under(['source', 'content'], inner.at),
  }),
);
const toolResult = list(fc.oneof(text, image, document, decoy), [], 3).map(
  (inner): Placed => ({
    value: { type: 'tool_result', tool_use_id: 'toolu_1', content: inner.value },
    at: under(['content'], inner.at),
  }),
);
const block = fc.oneof(text, decoy, image, document, contentDocument, toolResult);
const message = fc.oneof(
  fc
    .tuple(fc.constantFrom('user', 'assistant'), list(block, [], 5))
    .map(([role, c]): Placed => ({ value: { role, content: c.value }, at: under(['content'], c.at) })),
  fc.constantFrom(...IMAGE_URLS).map((u) => leaf({ role: 'user', content: u })),
);
const body = list(message, [], 5).map(
  (m): Placed => ({
    value: {
      model: 'm',
      max_tokens: 16,
      system: [{ type: 'text', text: IMAGE_URLS[0]! }],
      metadata: { source: { type: 'url', url: DOC_URLS[0]! } },
      messages: m.value,
    },
    at: under(['messages'], m.at),
  }),
);

/** Which places each target needs bytes for, written out from docs/media.md#targets. */
const NEEDS: Record<FormatId, (p: Placement) => boolean> = {
  'anthropic-messages': () => false,
  'vertex-anthropic': () => false,
  'bedrock-converse': () => true,
  'bedrock-invoke': () => true,
  'openai-chat': (p) => p.slot === 'document',
  gemini: (p) => p.slot === 'image' || p.url.startsWith('http:'),
  'openai-responses': () => false,
};

function servedSource(url: string): unknown {
  const t = SERVED.get(url)!;
  if (t === 'text/plain') return { type: 'text', media_type: 'text/plain', data: new TextDecoder().decode(SAMPLES[t]) };
  return { type: 'base64', media_type: t, data: Buffer.from(SAMPLES[t]).toString('base64') };
}

function get(root: unknown, keys: Keys): unknown {
  return keys.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

function countingFetch() {
  const calls = new Map<string, number>();
  const fetch: MediaFetch = async (url) => {
    calls.set(url, (calls.get(url) ?? 0) + 1);
    const t = SERVED.get(url);
    if (!t) return new Response('no', { status: 404 });
    return new Response(SAMPLES[t], { headers: { 'content-type': t } });
  };
  return { fetch, calls };
}

describe('resolveMedia properties', () => {
  test.prop(
    [
      body,
      fc.constantFrom<FormatId>(
        'bedrock-converse',
        'bedrock-invoke',
        'openai-chat',
        'gemini',
        'anthropic-messages',
        'vertex-anthropic',
      ),
    ],
    params(),
  )(
    'the places the target cannot take, and only those, get the served bytes; each URL is fetched once; the input is untouched',
    async (placed, to) => {
      const input = deepFreeze(placed.value);
      const snapshot = structuredClone(input);
      const { fetch, calls } = countingFetch();
      const wanted = placed.at.filter(NEEDS[to]);
      const run = resolveMedia(to, input, {
        fetch,
        resolve: async () => ['93.184.216.34'],
        allowHttp: true,
        limits: { maxUrls: 50 },
      });
      if (to === 'gemini' && wanted.some((p) => SERVED.get(p.url) === 'image/gif')) {
        await expect(run).rejects.toMatchObject({ reason: 'media_type', status: 400 });
        expect(input).toEqual(snapshot);
        return;
      }
      const { body: out, fetched } = await run;

      expect(input).toEqual(snapshot);
      if (wanted.length === 0) expect(out).toBe(input);
      for (const p of wanted) expect(get(out, p.keys)).toEqual(servedSource(p.url));
      // putting the input's sources back gives the input: nothing else changed
      expect(
        replaceAt(
          out,
          wanted.map((p) => ({ keys: p.keys, value: get(input, p.keys) })),
        ),
      ).toEqual(input);
      // the places that were not wanted hold the input's very objects
      for (const p of placed.at.filter((x) => !NEEDS[to](x))) expect(get(out, p.keys)).toBe(get(input, p.keys));

      const distinct = new Set(wanted.map((p) => p.url));
      expect(new Set(calls.keys())).toEqual(distinct);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      expect(fetched.flatMap((f) => f.paths).sort()).toEqual(wanted.map((p) => formatPath([...p.keys, 'url'])).sort());
    },
  );
});
