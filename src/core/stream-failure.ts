import { TranslationError } from './errors.js';

/**
 * The HTTP status and message a failed stream's error event carries: a TranslationError's own `status`, else
 * 502 for an upstream failure and 500 for any other kind; anything else that broke the stream is a 502.
 */
export function streamFailure(error: unknown): { status: number; message: string } {
  if (error instanceof TranslationError)
    return { status: error.status ?? (error.kind === 'upstream' ? 502 : 500), message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 502, message: `upstream stream failed: ${message}` };
}
