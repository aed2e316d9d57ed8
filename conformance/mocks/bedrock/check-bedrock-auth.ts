import type { RuleViolation } from '../mock-types.js';
import { readBearerToken } from '../read-bearer-token.js';

/**
 * How Bedrock Runtime authenticates a call (docs/wire-formats.md#bedrock-converse): a Bedrock API key as
 * `Authorization: Bearer <key>`, or an AWS Signature Version 4 signature —
 * `AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/bedrock/aws4_request, SignedHeaders=<a;b;…>,
 * Signature=<64 hex>`, the way the AWS SDKs and most gateways call it. A mock holds no secret, so it checks what
 * can be checked without one: the header's shape, the service (`bedrock`), that `host` and `x-amz-date` are among
 * the signed headers, that `x-amz-date` is there, names the credential's day, and lies within 15 minutes of the
 * mock's clock (AWS refuses an older or later signature).
 */

export interface BedrockAuthOptions {
  /** the API key expected in `Authorization: Bearer`; undefined: any non-empty key */
  apiKey?: string;
  /** the mock's clock (ms since the epoch); default `Date.now` */
  now?: () => number;
}

/** Signatures older or later than this are refused (AWS: "Signature expired" / "Signature not yet current"). */
export const SIGV4_MAX_SKEW_MS = 15 * 60 * 1000;

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;.-]+), ?Signature=([0-9a-f]+)$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const denied = (message: string, status = 403): RuleViolation => ({ status, path: '', message });

/** The Bedrock auth rule; the first thing wrong, or undefined when the call is authenticated. */
export function checkBedrockAuth(headers: Headers, options: BedrockAuthOptions = {}): RuleViolation | undefined {
  const authorization = headers.get('authorization');
  if (authorization === null || authorization.trim() === '') return denied('Missing Authentication Token');
  const token = readBearerToken(authorization);
  if (token !== undefined) {
    return options.apiKey !== undefined && token !== options.apiKey
      ? denied('The security token included in the request is invalid.')
      : undefined;
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 '))
    return denied(`Authorization header is neither a Bedrock API key (Bearer) nor AWS4-HMAC-SHA256`);
  const m = SIGV4.exec(authorization);
  if (!m) {
    return denied(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (Credential=<key>/<date>/<region>/bedrock/aws4_request, Signature=<64 hex>)",
      400,
    );
  }
  const [, , day, , service, signedHeaders, signature] = m;
  if (service !== 'bedrock')
    return denied(`Credential should be scoped to correct service: 'bedrock', not '${service}'`);
  if (signature!.length !== 64) return denied('Signature must be 64 hexadecimal characters', 400);
  const signed = signedHeaders!.split(';');
  for (const h of ['host', 'x-amz-date']) {
    if (!signed.includes(h)) return denied(`'${h}' must be a signed header (SignedHeaders=${signedHeaders})`);
  }
  const amzDate = headers.get('x-amz-date') ?? '';
  const d = AMZ_DATE.exec(amzDate);
  if (!d) return denied(`x-amz-date must be a date in the form YYYYMMDDTHHMMSSZ, got '${amzDate}'`, 400);
  if (amzDate.slice(0, 8) !== day)
    return denied(
      `Credential should be scoped to a valid date: the credential says ${day}, x-amz-date says ${amzDate.slice(0, 8)}`,
    );
  const at = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(d[4]), Number(d[5]), Number(d[6]));
  const now = (options.now ?? Date.now)();
  if (Math.abs(at - now) > SIGV4_MAX_SKEW_MS) {
    return denied(
      `Signature expired: ${amzDate} is more than 15 minutes from the current time ${new Date(now).toISOString()}`,
    );
  }
  return undefined;
}
