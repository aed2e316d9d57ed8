import {
  anthropicBodyMeaning,
  anthropicErrorMeaning,
  anthropicMessageMeaning,
  anthropicStreamMeaning,
} from './anthropic-messages.js';
import { schemaOf } from './schemas.js';
import type { FormatMeaning } from './types.js';

/**
 * Claude on Vertex (rawPredict) by meaning: the Anthropic body with `anthropic_version` and no `model`, read like a
 * Messages request; answers, streams and errors are Anthropic's.
 */
export const vertexAnthropicMeaning: FormatMeaning = {
  request: (body) => anthropicBodyMeaning(body, schemaOf('vertex-anthropic', 'request')),
  response: anthropicMessageMeaning,
  stream: anthropicStreamMeaning,
  error: anthropicErrorMeaning,
};
