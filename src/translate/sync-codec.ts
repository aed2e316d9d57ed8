import type { SyncCodec } from '../formats/codec.js';

export type { SyncCodec };

/** The codec has the synchronous side `translateStream` uses on the hot path. */
export function hasSyncCodec(codec: object): codec is SyncCodec {
  const c = codec as Partial<SyncCodec>;
  return typeof c.createDecoder === 'function' && typeof c.encodeEvents === 'function';
}
