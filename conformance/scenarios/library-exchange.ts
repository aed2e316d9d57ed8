import type { Loss } from '../../src/core/losses.js';
import type { RequestContext } from '../../src/core/options.js';
import { translateError, translateRequest, translateResponse } from '../../src/translate/translate.js';
import { translateStream } from '../../src/translate/translate-stream.js';
import { readAll, streamOf } from './byte-streams.js';
import { type Scenario, scenarioOptions } from './load-scenarios.js';
import type { Exchange, ExchangeMode, ExchangeOutcome } from './run-scenario.js';

export { readAll, streamOf };

/**
 * The exchange done in-process by the library: the request through `translateRequest`, then the upstream's
 * answer for `mode` through `translateResponse` / `translateStream` / `translateError`, each with the
 * scenario's options and the request's context. `losses` are those of the request translation (what
 * `expectLosses` in scenario.json declares), `answerLosses` those of the response or stream translation
 * (`expectAnswerLosses`).
 */
export const libraryExchange: Exchange = async (s: Scenario, mode: ExchangeMode): Promise<ExchangeOutcome> => {
  const options = scenarioOptions(s);
  let upstreamRequest: unknown;
  let losses: readonly Loss[] | undefined;
  let context: RequestContext | undefined;
  if (s.clientRequest !== undefined) {
    const r = translateRequest(s.client, s.upstream, s.clientRequest, options);
    upstreamRequest = r.body;
    losses = r.losses;
    context = r.context;
  }
  const withContext = { ...options, context: context ?? options.context };
  switch (mode) {
    case 'json': {
      if (s.upstreamResponse === undefined) throw new Error(`${s.id}: no upstream-response.json`);
      const r = translateResponse(s.upstream, s.client, s.upstreamResponse, withContext);
      return { upstreamRequest, losses, answerLosses: r.losses, status: 200, body: r.body };
    }
    case 'stream': {
      if (s.upstreamStream === undefined)
        throw new Error(`${s.id}: no upstream stream (upstream-stream.sse or .frames.json)`);
      let answerLosses: readonly Loss[] | undefined;
      const out = translateStream(s.upstream, s.client, streamOf([s.upstreamStream]), withContext, {
        onEnd: (r) => {
          answerLosses = r.losses;
        },
      });
      const stream = await readAll(out);
      return { upstreamRequest, losses, answerLosses, status: 200, stream };
    }
    case 'error': {
      if (s.upstreamError === undefined) throw new Error(`${s.id}: no upstream-error.json`);
      const e = translateError(s.upstream, s.client, s.upstreamError, withContext);
      return { upstreamRequest, losses, status: e.status, body: e.body };
    }
  }
};
