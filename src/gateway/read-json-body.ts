export type BodyResult =
  | { ok: true; bytes: Uint8Array; json: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Strict UTF-8 (a whole-buffer `decode` keeps no state between calls, so one decoder serves every request). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Read the whole request body, refusing more than `limit` bytes without reading them all. */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | 'too_large'> {
  const length = req.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (Number.isFinite(declared) && declared > limit) return 'too_large';
  if (Number.isFinite(declared)) {
    // a declared size within the limit: read it whole (in @hono/node-server straight from the socket,
    // without building a web stream for the body)
    const whole = new Uint8Array(await req.arrayBuffer());
    return whole.byteLength > limit ? 'too_large' : whole;
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel('request body too large');
      return 'too_large';
    }
    parts.push(value);
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Check content type, size and JSON syntax of a request body. The body must be a JSON object. */
export async function readJsonBody(req: Request, limit: number): Promise<BodyResult> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    return {
      ok: false,
      status: 415,
      message: `content-type must be application/json, got ${type ? `"${type}"` : 'none'}`,
    };
  }
  const bytes = await readLimited(req, limit);
  if (bytes === 'too_large') return { ok: false, status: 413, message: `request body is larger than ${limit} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(UTF8.decode(bytes));
  } catch (e) {
    return { ok: false, status: 400, message: `request body is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, status: 400, message: 'request body must be a JSON object' };
  }
  return { ok: true, bytes, json: json as Record<string, unknown> };
}
