import type { HttpError } from '../pair.js';

/** Anthropic clients of Vertex (the Vertex SDK) read Anthropic error bodies: an Anthropic upstream's pass. */
export function anthropicErrorToVertex(error: HttpError): HttpError {
  return error;
}
