import { describe, expect, it } from 'vitest';
import { checkBedrockAuth } from './check-bedrock-auth.js';
import { createBedrockConverseMock } from './create-bedrock-converse-mock.js';

// 2026-12-05T10:00:00Z, the mock's clock in these tests
const NOW = Date.UTC(2026, 11, 5, 10, 0, 0);
const now = () => NOW;
const SIGNATURE = 'a'.repeat(64);

function sigv4(
  o: { day?: string; service?: string; signed?: string; signature?: string; amzDate?: string | null } = {},
): Headers {
  const h = new Headers({
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${o.day ?? '20261205'}/us-east-1/${o.service ?? 'bedrock'}/aws4_request, SignedHeaders=${o.signed ?? 'content-type;host;x-amz-date'}, Signature=${o.signature ?? SIGNATURE}`,
  });
  if (o.amzDate !== null) h.set('x-amz-date', o.amzDate ?? '20261205T095500Z');
  return h;
}

describe('checkBedrockAuth: a Bedrock API key or a SigV4 signature, as Bedrock Runtime takes them', () => {
  it('accepts a bearer API key (the expected one, when set) and a well-formed SigV4 signature', () => {
    expect(checkBedrockAuth(new Headers({ authorization: 'Bearer k' }), { now })).toBeUndefined();
    expect(checkBedrockAuth(new Headers({ authorization: 'Bearer k' }), { apiKey: 'k', now })).toBeUndefined();
    expect(checkBedrockAuth(sigv4(), { now })).toBeUndefined();
    // a session token beside the signature, and a time within 15 minutes either way
    const session = sigv4({ amzDate: '20261205T101400Z' });
    session.set('x-amz-security-token', 'token');
    expect(checkBedrockAuth(session, { now })).toBeUndefined();
  });

  it('rejects what AWS rejects: no credentials, a wrong key, a malformed or foreign-service signature, unsigned host or date, a stale or mismatched date', () => {
    const reason = (h: Headers, apiKey?: string) => checkBedrockAuth(h, { now, apiKey })?.message;
    expect(reason(new Headers())).toBe('Missing Authentication Token');
    expect(reason(new Headers({ authorization: 'Bearer other' }), 'k')).toMatch(/security token .* invalid/);
    expect(reason(new Headers({ authorization: 'Basic dXNlcjpwYXNz' }))).toMatch(/neither a Bedrock API key/);
    expect(reason(sigv4({ signature: 'a'.repeat(63) }))).toMatch(/64 hexadecimal/);
    expect(reason(sigv4({ signature: 'Z'.repeat(64) }))).toMatch(/requires 'Credential'/);
    expect(reason(sigv4({ service: 's3' }))).toMatch(/service: 'bedrock', not 's3'/);
    expect(reason(sigv4({ signed: 'content-type;x-amz-date' }))).toMatch(/'host' must be a signed header/);
    expect(reason(sigv4({ signed: 'content-type;host' }))).toMatch(/'x-amz-date' must be a signed header/);
    expect(reason(sigv4({ amzDate: null }))).toMatch(/x-amz-date must be a date/);
    expect(reason(sigv4({ day: '20261204' }))).toMatch(/credential says 20261204/);
    expect(reason(sigv4({ amzDate: '20261205T094400Z' }))).toMatch(/Signature expired/);
    expect(reason(sigv4({ amzDate: '20261205T101600Z' }))).toMatch(/Signature expired/);
  });

  it('is the Bedrock mocks’ header rule: a SigV4 call is answered, an unsigned one gets 403', async () => {
    const mock = createBedrockConverseMock({ now });
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
    const signed = await mock(
      new Request('https://bedrock-runtime.test/model/m/converse', { method: 'POST', headers: sigv4(), body }),
    );
    expect(signed.status).toBe(200);
    const unsigned = await mock(new Request('https://bedrock-runtime.test/model/m/converse', { method: 'POST', body }));
    expect(unsigned.status).toBe(403);
  });
});
