/**
 * Test support: read a whole stream (its values, or its bytes joined),
 * or everything it hands out before it fails together with the failure.
 */
import { concatBytes } from '../../src/wire/bytes.js';

export { concatBytes };

/** Every value the stream hands out before it ends or errors, and the error (`undefined` when it ended). */
export async function drainUntilError<T>(stream: ReadableStream<T>): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return { values, error: undefined };
      values.push(r.value);
    }
  } catch (error) {
    return { values, error };
  }
}

/** Every value the stream hands out; rejects with its error. */
export async function drainValues<T>(stream: ReadableStream<T>): Promise<T[]> {
  const { values, error } = await drainUntilError(stream);
  if (error !== undefined) throw error;
  return values;
}

/** The stream's bytes, joined; rejects with its error. */
export async function drainBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return concatBytes(await drainValues(stream));
}
