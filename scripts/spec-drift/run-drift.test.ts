import { describe, expect, it } from 'vitest';
import type { ModeledOperation } from './apis.js';
import type { Finding, FindingKind } from './findings.js';
import type { JsonRecord } from './json.js';
import { type DriftReport, runDrift } from './run-drift.js';

const OP: ModeledOperation = { method: 'post', path: '/v1/chat' };

interface DocParts {
  readonly request?: unknown;
  readonly response?: unknown;
  readonly stream?: unknown;
  readonly error?: unknown;
  readonly schemas?: JsonRecord;
  /** Server URL; upstream-style specs put `/v1` here and leave it out of the path. */
  readonly server?: string;
  readonly path?: string;
}

/** A minimal OpenAPI document with one POST operation. */
function doc(parts: DocParts): JsonRecord {
  const content: JsonRecord = {};
  if (parts.response !== undefined) content['application/json'] = { schema: parts.response };
  if (parts.stream !== undefined) content['text/event-stream'] = { schema: parts.stream };
  const responses: JsonRecord = { '200': { description: 'ok', content } };
  if (parts.error !== undefined)
    responses['4XX'] = { description: 'error', content: { 'application/json': { schema: parts.error } } };
  const op: JsonRecord = { responses };
  if (parts.request !== undefined) op.requestBody = { content: { 'application/json': { schema: parts.request } } };
  return {
    openapi: '3.1.0',
    servers: [{ url: parts.server ?? 'https://api.example.test' }],
    paths: { [parts.path ?? '/v1/chat']: { post: op } },
    components: { schemas: parts.schemas ?? {} },
  };
}

const obj = (properties: JsonRecord, required: string[] = []): JsonRecord => ({ type: 'object', properties, required });
const str = { type: 'string' };
const int = { type: 'integer' };

function of(report: DriftReport, kind: FindingKind): Finding[] {
  return report.findings.filter((f) => f.kind === kind);
}

describe('runDrift', () => {
  it('reports a property upstream has and ours lacks, with coverage N of M', () => {
    const up = doc({ request: obj({ model: str, temperature: { type: 'number' }, top_k: int }, ['model']) });
    const ours = doc({ request: obj({ model: str, temperature: { type: 'number' } }, ['model']) });
    const r = runDrift(ours, up, [OP]);
    expect(of(r, 'missing-property').map((f) => [f.section, f.path])).toEqual([['request', 'top_k']]);
    expect(of(r, 'conflict')).toEqual([]);
    expect(r.coverage.properties.request.total.size).toBe(3);
    expect(r.coverage.properties.request.modeled.size).toBe(2);
  });

  it('counts the properties below a missing property as not modeled', () => {
    const up = doc({ request: obj({ a: str, opts: obj({ x: int, y: int }) }) });
    const ours = doc({ request: obj({ a: str }) });
    const r = runDrift(ours, up, [OP]);
    expect(r.coverage.properties.request.total.size).toBe(4);
    expect(r.coverage.properties.request.modeled.size).toBe(1);
    expect(of(r, 'missing-property')).toHaveLength(1);
  });

  it('reports a missing enum value, counts enum coverage, and notes extra values of ours', () => {
    const up = doc({ response: obj({ stop: { type: 'string', enum: ['end', 'max', 'tool'] } }) });
    const ours = doc({ response: obj({ stop: { type: 'string', enum: ['end', 'max', 'refusal'] } }) });
    const r = runDrift(ours, up, [OP]);
    expect(of(r, 'missing-enum').map((f) => f.detail)).toEqual(['enum values "tool" are not modeled']);
    expect(of(r, 'extra-enum').map((f) => f.detail)).toEqual(['ours also allows "refusal"']);
    expect([r.coverage.enumValues.modeled.size, r.coverage.enumValues.total.size]).toEqual([2, 3]);
    expect(of(r, 'conflict')).toEqual([]);
  });

  it('treats an open string of ours as covering every upstream enum value', () => {
    const up = doc({ request: obj({ model: { anyOf: [str, { type: 'string', enum: ['a', 'b'] }] } }) });
    const ours = doc({ request: obj({ model: str }) });
    const r = runDrift(ours, up, [OP]);
    expect(r.findings.filter((f) => f.kind !== 'wider')).toEqual([]);
    expect(r.coverage.enumValues.modeled.size).toBe(2);
  });

  it('reports a type conflict, and an enum of ours where upstream takes any string', () => {
    const up = doc({ request: obj({ n: int, model: str }) });
    const ours = doc({ request: obj({ n: str, model: { type: 'string', enum: ['gpt'] } }) });
    const conflicts = of(runDrift(ours, up, [OP]), 'conflict').map((f) => `${f.path}: ${f.detail}`);
    expect(conflicts).toEqual([
      'n: upstream allows integer, ours only string',
      'model: ours allows only "gpt"; upstream allows any string',
    ]);
  });

  it('accepts integer upstream against number ours, but not the reverse', () => {
    const r1 = runDrift(doc({ request: obj({ t: { type: 'number' } }) }), doc({ request: obj({ t: int }) }), [OP]);
    expect(of(r1, 'conflict')).toEqual([]);
    const r2 = runDrift(doc({ request: obj({ t: int }) }), doc({ request: obj({ t: { type: 'number' } }) }), [OP]);
    expect(of(r2, 'conflict').map((f) => f.path)).toEqual(['t']);
  });

  it('finds conflicts nested behind $ref and names them after the upstream schema', () => {
    const up = doc({
      response: obj({ usage: { $ref: '#/components/schemas/Usage' } }),
      schemas: { Usage: obj({ input_tokens: int, cached: int }) },
    });
    const ours = doc({
      response: { $ref: '#/components/schemas/Resp' },
      schemas: { Resp: obj({ usage: { $ref: '#/components/schemas/MyUsage' } }), MyUsage: obj({ input_tokens: str }) },
    });
    const r = runDrift(ours, up, [OP]);
    expect(of(r, 'conflict').map((f) => [f.location, f.path])).toEqual([['Usage.input_tokens', 'usage.input_tokens']]);
    expect(of(r, 'missing-property').map((f) => f.location)).toEqual(['Usage.cached']);
    expect([...r.coverage.schemas.modeled]).toEqual(['Usage']);
  });

  it('handles nullability: 3.0 nullable next to $ref upstream against a 3.1 anyOf null of ours', () => {
    const schemas = { Usage: obj({ total: int }) };
    const up = doc({ stream: obj({ usage: { $ref: '#/components/schemas/Usage', nullable: true } }), schemas });
    const good = doc({
      stream: obj({ usage: { anyOf: [{ $ref: '#/components/schemas/Usage' }, { type: 'null' }] } }),
      schemas,
    });
    const bad = doc({ stream: obj({ usage: { $ref: '#/components/schemas/Usage' } }), schemas });
    expect(of(runDrift(good, up, [OP]), 'conflict')).toEqual([]);
    expect(of(runDrift(bad, up, [OP]), 'conflict').map((f) => [f.section, f.path, f.detail])).toEqual([
      ['stream', 'usage', 'upstream allows null, ours does not'],
    ]);
  });

  it('flags required-ness only where ours is stricter', () => {
    const up = doc({ response: obj({ id: str, refusal: str }, ['id']) });
    const ours = doc({ response: obj({ id: str, refusal: str }, ['refusal']) });
    const r = runDrift(ours, up, [OP]);
    expect(of(r, 'conflict').map((f) => [f.path, f.detail])).toEqual([
      ['refusal', 'ours requires it, upstream does not'],
    ]);
    expect(of(r, 'looser').map((f) => f.path)).toEqual(['id']);
  });

  describe('unions', () => {
    const text = obj({ type: { type: 'string', const: 'text' }, text: str }, ['type', 'text']);
    const image = obj({ type: { type: 'string', enum: ['image'] }, url: str }, ['type', 'url']);
    const audio = obj({ type: { type: 'string', enum: ['audio'] }, data: str }, ['type', 'data']);

    it('matches members by discriminator value whatever their order and names, and reports a missing member', () => {
      const up = doc({
        request: obj({
          parts: {
            type: 'array',
            items: {
              oneOf: [
                { $ref: '#/components/schemas/Text' },
                { $ref: '#/components/schemas/Image' },
                { $ref: '#/components/schemas/Audio' },
              ],
            },
          },
        }),
        schemas: { Text: text, Image: image, Audio: audio },
      });
      const ours = doc({
        request: obj({
          parts: {
            type: 'array',
            items: { oneOf: [{ $ref: '#/components/schemas/MyImage' }, { $ref: '#/components/schemas/MyText' }] },
          },
        }),
        schemas: { MyText: text, MyImage: obj({ type: { const: 'image' }, url: int }) },
      });
      const r = runDrift(ours, up, [OP]);
      expect(of(r, 'missing-member').map((f) => [f.location, f.detail])).toEqual([
        ['Audio', 'union member type=audio is not modeled'],
      ]);
      // The image member was compared with our image member (url: string vs integer), not with the text one.
      expect(of(r, 'conflict').map((f) => f.location)).toEqual(['Image.url']);
      expect(r.missingSchemas).toEqual(['Audio']);
      expect(r.coverage.properties.request.total.has('Audio.data')).toBe(true);
      expect(r.coverage.properties.request.modeled.has('Audio.data')).toBe(false);
    });

    it('matches an upstream member spanning several of ours (role: user|assistant against one member per role)', () => {
      const up = doc({
        request: obj({
          messages: {
            type: 'array',
            items: obj({ role: { type: 'string', enum: ['user', 'assistant'] }, content: str }),
          },
        }),
      });
      const member = (role: string) => obj({ role: { const: role }, content: str });
      const ours = doc({
        request: obj({ messages: { type: 'array', items: { oneOf: [member('user'), member('assistant')] } } }),
      });
      const r = runDrift(ours, up, [OP]);
      expect(r.findings.filter((f) => f.kind !== 'looser')).toEqual([]);
      expect(r.coverage.enumValues.modeled.size).toBe(2);
    });

    it('matches members whose discriminators both allow several values when the value sets overlap', () => {
      // upstream `type: web_search|web_search_2025_08_26` and `role: user|assistant|system` in one object each;
      // ours: the same web-search member, and one member for user|system plus one for assistant.
      const web = obj({ type: { type: 'string', enum: ['web_search', 'web_search_2025_08_26'] }, size: str }, ['type']);
      const msg = obj({ role: { type: 'string', enum: ['user', 'assistant', 'system'] }, content: str }, ['role']);
      const up = doc({
        request: obj({ tools: { type: 'array', items: { oneOf: [web, text] } }, input: { type: 'array', items: msg } }),
      });
      const ours = doc({
        request: obj({
          tools: { type: 'array', items: { oneOf: [text, web] } },
          input: {
            type: 'array',
            items: {
              oneOf: [
                obj({ role: { type: 'string', enum: ['user', 'system'] }, content: str }, ['role']),
                obj({ role: { const: 'assistant' }, content: str }, ['role']),
              ],
            },
          },
        }),
      });
      const r = runDrift(ours, up, [OP]);
      expect(r.findings.filter((f) => f.kind !== 'looser')).toEqual([]);
      // every upstream value is modeled: both web-search types, text, and the three roles
      expect([r.coverage.enumValues.modeled.size, r.coverage.enumValues.total.size]).toEqual([6, 6]);
    });

    it('still reports a member whose several discriminator values share none with ours', () => {
      const web = obj({ type: { type: 'string', enum: ['web_search', 'web_search_2025_08_26'] } }, ['type']);
      const preview = obj({ type: { type: 'string', enum: ['web_search_preview', 'web_search_preview_2025_03_11'] } }, [
        'type',
      ]);
      const up = doc({ request: obj({ tools: { type: 'array', items: { oneOf: [web, preview, text] } } }) });
      const ours = doc({ request: obj({ tools: { type: 'array', items: { oneOf: [web, text] } } }) });
      const r = runDrift(ours, up, [OP]);
      expect(of(r, 'missing-member').map((f) => f.detail)).toEqual(['union member object is not modeled']);
    });

    it('matches primitive members by kind: string|array upstream against string only is a conflict', () => {
      const up = doc({ request: obj({ content: { oneOf: [str, { type: 'array', items: str }] } }) });
      const ours = doc({ request: obj({ content: str }) });
      expect(of(runDrift(ours, up, [OP]), 'conflict').map((f) => f.detail)).toEqual([
        'upstream allows array, ours only string',
      ]);
    });

    it('merges allOf parts before comparing', () => {
      const up = doc({
        request: { allOf: [{ $ref: '#/components/schemas/Common' }, obj({ messages: str })] },
        schemas: { Common: obj({ temperature: { type: ['number', 'null'] }, user: str }) },
      });
      const ours = doc({ request: obj({ messages: str, temperature: { type: ['number', 'null'] } }) });
      const r = runDrift(ours, up, [OP]);
      expect(of(r, 'missing-property').map((f) => f.location)).toEqual(['Common.user']);
      expect(r.coverage.properties.request.total.size).toBe(3);
    });
  });

  it('normalizes the server prefix: upstream /v1 server + /chat matches our /v1/chat', () => {
    const up = doc({ server: 'https://api.example.test/v1', path: '/chat', request: obj({ a: str }) });
    const ours = doc({ request: obj({ a: str }) });
    const r = runDrift(ours, up, [OP]);
    expect(r.operations).toEqual(['POST /v1/chat ↔ upstream POST /chat']);
    expect(r.coverage.properties.request.modeled.size).toBe(1);
  });

  it('compares stream schemas, and falls back to a named event schema when the operation has none', () => {
    const event = obj({ type: { const: 'ping' }, seq: int });
    const up = doc({ request: obj({}), schemas: { StreamEvent: event } });
    const ours = doc({
      request: obj({}),
      stream: { $ref: '#/components/schemas/StreamEvent' },
      schemas: { StreamEvent: obj({ type: { const: 'ping' } }) },
    });
    const r = runDrift(ours, up, [{ ...OP, streamSchema: 'StreamEvent' }]);
    expect(of(r, 'missing-property').map((f) => [f.section, f.location])).toEqual([['stream', 'StreamEvent.seq']]);
    expect(r.coverage.properties.stream.total.size).toBe(2);
  });

  it('compares error bodies and reports sections ours lacks', () => {
    const up = doc({
      response: obj({ id: str }),
      error: obj({ error: obj({ message: str, code: { type: ['string', 'null'] } }) }),
    });
    const ours = doc({ error: obj({ error: obj({ message: str, code: str }) }) });
    const r = runDrift(ours, up, [OP]);
    expect(of(r, 'missing-section').map((f) => f.section)).toEqual(['response']);
    expect(of(r, 'conflict').map((f) => [f.section, f.path])).toEqual([['error', 'error.code']]);
    expect(r.coverage.properties.response.total.size).toBe(1);
  });

  it('terminates on recursive schemas on both sides', () => {
    const node = (ref: string) => obj({ name: str, children: { type: 'array', items: { $ref: ref } } });
    const up = doc({
      request: { $ref: '#/components/schemas/Node' },
      schemas: { Node: node('#/components/schemas/Node') },
    });
    const ours = doc({
      request: { $ref: '#/components/schemas/Tree' },
      schemas: { Tree: node('#/components/schemas/Tree') },
    });
    const r = runDrift(ours, up, [OP]);
    expect(r.findings).toEqual([]);
    expect(r.coverage.properties.request.total.size).toBe(2);
  });

  it('reports an operation upstream does not have', () => {
    const r = runDrift(doc({}), doc({ path: '/v1/other' }), [OP]);
    expect(of(r, 'missing-section').map((f) => f.detail)).toEqual(['operation not found upstream']);
  });
});

describe('runDrift: free-form schemas of ours', () => {
  it('counts upstream properties under a free-form object or unconstrained schema of ours as accepted, not modeled', () => {
    const up = doc({ request: obj({ input: obj({ a: str, b: obj({ c: int }) }), meta: obj({ k: str }) }) });
    const ours = doc({ request: obj({ input: { type: 'object', additionalProperties: true }, meta: {} }) });
    const r = runDrift(ours, up, [OP]);
    const tally = r.coverage.properties.request;
    expect(r.findings.filter((f) => f.kind !== 'wider')).toEqual([]);
    expect(tally.total.size).toBe(6);
    expect([...tally.modeled].sort()).toEqual(['request.input', 'request.meta']);
    expect([...tally.freeForm].sort()).toEqual([
      'request.input.a',
      'request.input.b',
      'request.input.b.c',
      'request.meta.k',
    ]);
  });
});

describe('runDrift: schemas shared between sections', () => {
  it('counts a schema used by the response and by a stream event in both sections', () => {
    const schemas = { Message: obj({ id: str, usage: obj({ n: int }) }) };
    const message = { $ref: '#/components/schemas/Message' };
    const parts = { response: message, stream: obj({ type: { const: 'start' }, message }), schemas };
    const r = runDrift(doc(parts), doc(parts), [OP]);
    expect(r.coverage.properties.response.modeled.size).toBe(3);
    expect(r.coverage.properties.stream.total.size).toBe(5);
    expect(r.coverage.properties.stream.modeled.size).toBe(5);
  });
});
