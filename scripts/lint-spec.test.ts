import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { SPECS } from './specs.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

describe('every spec in scripts/specs.ts is a valid OpenAPI 3.1 document', () => {
  it.each(SPECS.map((s) => [s.format, s.spec]))('%s (%s)', async (_format, spec) => {
    const api = await SwaggerParser.validate(join(ROOT, spec));
    expect('openapi' in api ? api.openapi : undefined).toMatch(/^3\.1\./);
  });
});

describe('anthropic-messages spec', () => {
  it('declares both operations, both auth schemes and every stream event type', async () => {
    const api = await SwaggerParser.parse(join(ROOT, 'spec/anthropic-messages.yaml'));
    const json = JSON.parse(JSON.stringify(api)) as {
      paths: Record<string, unknown>;
      components: {
        securitySchemes: Record<string, unknown>;
        schemas: Record<string, { discriminator?: { mapping?: Record<string, string> } }>;
      };
    };
    expect(Object.keys(json.paths).sort()).toEqual(['/v1/messages', '/v1/messages/count_tokens']);
    expect(Object.keys(json.components.securitySchemes).sort()).toEqual(['ApiKeyAuth', 'BearerAuth']);
    const events = Object.keys(json.components.schemas.MessageStreamEvent?.discriminator?.mapping ?? {}).sort();
    expect(events).toEqual([
      'content_block_delta',
      'content_block_start',
      'content_block_stop',
      'error',
      'message_delta',
      'message_start',
      'message_stop',
      'ping',
    ]);
    const deltas = Object.keys(json.components.schemas.RawContentBlockDelta?.discriminator?.mapping ?? {}).sort();
    expect(deltas).toEqual(['citations_delta', 'input_json_delta', 'signature_delta', 'text_delta', 'thinking_delta']);
  });

  it('never forbids extra properties and never names a schema Error', async () => {
    const text = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(ROOT, 'spec/anthropic-messages.yaml'), 'utf8'),
    );
    expect(text).not.toMatch(/additionalProperties:\s*false/);
    expect(text).not.toMatch(/^ {4}Error:/m);
  });
});

describe('openai-responses spec', () => {
  it('declares both operations, with the stream on the create operation', async () => {
    const api = await SwaggerParser.parse(join(ROOT, 'spec/openai-responses.yaml'));
    const json = JSON.parse(JSON.stringify(api)) as {
      paths: Record<string, { post: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(json.paths).sort()).toEqual(['/v1/responses', '/v1/responses/input_tokens']);
    expect(Object.keys(json.paths['/v1/responses']?.post.responses['200']?.content ?? {}).sort()).toEqual([
      'application/json',
      'text/event-stream',
    ]);
  });

  it('never forbids extra properties and never names a schema after a global (Error, Response)', async () => {
    const text = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(ROOT, 'spec/openai-responses.yaml'), 'utf8'),
    );
    expect(text).not.toMatch(/additionalProperties:\s*false/);
    expect(text).not.toMatch(/^ {4}(Error|Response):/m);
  });
});
