/**
 * A response body as text, given at most `ms` (whatever the fetch implementation does with aborts):
 * on time-out the body is cancelled and `onTimeout` runs (abort the upstream request there).
 * Resolves to `{ text }`, `{ timedOut: true }` or `{ error }` (the body failed).
 */
export async function readTextWithin(
  res: Response,
  ms: number,
  onTimeout: () => void,
): Promise<{ text: string } | { timedOut: true } | { error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  try {
    const r = await Promise.race([res.text(), deadline]);
    if (r === 'timeout') {
      onTimeout();
      res.body?.cancel().catch(() => {});
      return { timedOut: true };
    }
    return { text: r };
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
  }
}
