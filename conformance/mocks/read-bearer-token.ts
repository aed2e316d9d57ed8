/** The token of an `Authorization: Bearer <token>` header value, or undefined. */
export function readBearerToken(authorization: string | null): string | undefined {
  if (authorization === null) return undefined;
  const space = authorization.indexOf(' ');
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = authorization.slice(space + 1).trim();
  return token === '' ? undefined : token;
}
