/**
 * Resolves after `ms` (undefined: never by itself), or as soon as `signal` aborts or `cancelled` settles.
 * Leaves no timer behind once it has resolved.
 */
export function waitForStall(
  ms: number | undefined,
  signal: AbortSignal | undefined,
  cancelled?: Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    if (signal?.aborted) return done();
    signal?.addEventListener('abort', done, { once: true });
    if (ms !== undefined) timer = setTimeout(done, ms);
    void cancelled?.then(done, done);
  });
}
