/** Short, body-free summaries of recorded requests, for the report. */
import type { Exchange } from './script-server/types.js';

export interface ExchangeSummary {
  seq: number;
  atMs: number;
  method: string;
  url: string;
  kind: string;
  status: number;
  requestBytes: number;
  streamed: boolean;
}

export function summarizeExchanges(exchanges: readonly Exchange[]): ExchangeSummary[] {
  return exchanges.map((e) => ({
    seq: e.seq,
    atMs: e.atMs,
    method: e.method,
    url: e.url,
    kind: e.kind,
    status: e.reply.status,
    requestBytes: typeof e.body === 'string' ? e.body.length : JSON.stringify(e.body ?? '').length,
    streamed: e.reply.contentType === 'text/event-stream',
  }));
}
