import { describe, expect, it } from 'vitest';
import { parseVertexAnthropicPath, vertexAnthropicCountTokensTarget, vertexAnthropicTarget } from './target.js';

describe('vertex-anthropic paths', () => {
  it('builds rawPredict / streamRawPredict / count-tokens paths', () => {
    expect(vertexAnthropicTarget('claude-sonnet-4-5@20250929', true, { project: 'p', region: 'us-east5' }).path).toBe(
      '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5%4020250929:streamRawPredict',
    );
    expect(vertexAnthropicTarget('claude-x', false).path).toBe('/publishers/anthropic/models/claude-x:rawPredict');
    expect(vertexAnthropicCountTokensTarget({ project: 'p', region: 'global' }).path).toBe(
      '/v1/projects/p/locations/global/publishers/anthropic/models/count-tokens:rawPredict',
    );
  });
  it('parses them back', () => {
    expect(
      parseVertexAnthropicPath('/v1/projects/p/locations/r/publishers/anthropic/models/claude-x:streamRawPredict'),
    ).toEqual({
      model: 'claude-x',
      stream: true,
      countTokens: false,
      location: { project: 'p', region: 'r' },
    });
    expect(parseVertexAnthropicPath('/v1/messages')).toBeUndefined();
  });
});
