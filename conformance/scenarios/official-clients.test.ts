/**
 * Every translated client stream, response and error in the scenario catalog, read by that client
 * format's official SDK: streams are read to their end (and must fail exactly when the scenario says
 * the upstream failed), responses parse, errors surface as the SDK's error with the status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorHeaders } from '../../src/gateway/client-error.js';
import { getCodec } from '../../src/translate/translate.js';
import {
  type ClientVerdict,
  readWithOfficialClient,
  startLoopbackReplier,
} from '../../test/support/official-clients.js';
import { libraryExchange } from './library-exchange.js';
import { loadScenarios } from './load-scenarios.js';
import { modesOf } from './run-scenario.js';

let aws: Awaited<ReturnType<typeof startLoopbackReplier>>;
beforeAll(async () => {
  aws = await startLoopbackReplier();
});
afterAll(() => aws?.close());

/** The HTTP status an SDK error carries (`status`, or the AWS SDK's `$metadata.httpStatusCode`). */
function errorStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { status?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof o.status === 'number') return o.status;
  return typeof o.$metadata?.httpStatusCode === 'number' ? o.$metadata.httpStatusCode : undefined;
}

const describeError = (v: ClientVerdict) =>
  v.ok ? 'the client succeeded' : String(v.error instanceof Error ? `${v.error.name}: ${v.error.message}` : v.error);

const scenarios = loadScenarios().filter((s) => s.meta.endpoint === 'messages' && s.clientRequest !== undefined);

describe('official clients read every translated stream, response and error of the catalog', () => {
  for (const s of scenarios) {
    const modes = modesOf(s).filter(
      (m) => (m === 'stream' ? s.clientStream : m === 'json' ? s.clientResponse : s.clientError) !== undefined,
    );
    for (const mode of modes) {
      it(`${s.id} (${mode})`, async () => {
        const out = await libraryExchange(s, mode);
        if (mode === 'stream') {
          const body = out.stream ?? new Uint8Array();
          const v = await readWithOfficialClient(
            s.client,
            { status: 200, contentType: getCodec(s.client).streamContentType, body },
            true,
            aws,
          );
          if (s.meta.expectStreamError)
            expect(v.ok, 'the upstream failed: the client must not see a success').toBe(false);
          else expect(v.ok, describeError(v)).toBe(true);
        } else if (mode === 'json') {
          const v = await readWithOfficialClient(
            s.client,
            { status: 200, contentType: 'application/json', body: JSON.stringify(out.body) },
            false,
            aws,
          );
          expect(v.ok, describeError(v)).toBe(true);
        } else {
          // the headers the reference gateway adds to an error in this client's format (Bedrock: x-amzn-errortype)
          const headers = clientErrorHeaders(s.client, out.status);
          const v = await readWithOfficialClient(
            s.client,
            { status: out.status, contentType: 'application/json', headers, body: JSON.stringify(out.body) },
            false,
            aws,
          );
          expect(v.ok).toBe(false);
          if (!v.ok) expect(errorStatus(v.error), describeError(v)).toBe(out.status);
          // the AWS SDK names the exception from the header, and reads the message from the body
          if (!v.ok && s.client === 'bedrock-converse') {
            expect((v.error as { name?: string }).name).toBe(headers['x-amzn-errortype']);
            expect((v.error as { message?: string }).message).toBe((out.body as { message?: string }).message);
          }
        }
      });
    }
  }
});
