/** Reads a request body as text, stopping as soon as it is larger than `maxBytes`. */
export async function readBody(
  request: Request,
  maxBytes: number,
): Promise<{ text: string; bytes: number } | { tooLarge: true; bytes: number }> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { tooLarge: true, bytes: declared };
  }
  if (!request.body) return { text: '', bytes: 0 };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true, bytes };
    }
    parts.push(value);
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return { text: new TextDecoder().decode(all), bytes };
}
