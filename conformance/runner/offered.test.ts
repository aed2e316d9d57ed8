import { describe, expect, it } from 'vitest';
import { routeNotOffered, scenarioNotOffered } from './offered.js';

const t = (status: number, reached = false, upstreamFormat?: 'vertex-anthropic' | 'anthropic-messages') => ({
  status,
  reached,
  upstreamFormat,
  path: '/v1beta/models/m:generateContent',
});

describe('routes not offered', () => {
  it('404 / 405 / 501 on every exchange with nothing sent to the provider: no such route', () => {
    expect(scenarioNotOffered('gemini', 'anthropic-messages', [t(404), t(405)])).toBe(
      'HTTP 404/405 on /v1beta/models/m:generateContent: no such route',
    );
    // one exchange reached the provider, or a status that is not "no such route": offered (and judged)
    expect(scenarioNotOffered('gemini', 'anthropic-messages', [t(404), t(200, true)])).toBeUndefined();
    expect(scenarioNotOffered('gemini', 'anthropic-messages', [t(404, true)])).toBeUndefined();
    expect(scenarioNotOffered('gemini', 'anthropic-messages', [t(500)])).toBeUndefined();
    expect(scenarioNotOffered('gemini', 'anthropic-messages', [])).toBeUndefined();
  });

  it("a call passed through unchanged to the client's own format is not a translation", () => {
    expect(scenarioNotOffered('vertex-anthropic', 'anthropic-messages', [t(200, true, 'vertex-anthropic')])).toMatch(
      /passed through unchanged/,
    );
    expect(
      scenarioNotOffered('vertex-anthropic', 'anthropic-messages', [t(200, true, 'anthropic-messages')]),
    ).toBeUndefined();
    expect(
      scenarioNotOffered('anthropic-messages', 'anthropic-messages', [t(200, true, 'anthropic-messages')]),
    ).toBeUndefined();
  });

  it('a route whose every request was answered with an error and none reached the provider', () => {
    expect(routeNotOffered([t(500), t(500), t(400)])).toBe(
      'HTTP 400/500 to every request of the route, none sent to the provider',
    );
    expect(routeNotOffered([t(500), t(500, true)])).toBeUndefined();
    expect(routeNotOffered([t(500), t(200)])).toBeUndefined();
    expect(routeNotOffered([])).toBeUndefined();
  });
});
