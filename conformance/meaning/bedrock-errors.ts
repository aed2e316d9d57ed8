import { messageAt, statusMeaning } from './errors.js';

/**
 * A Bedrock error as the AWS SDK reads it: the exception (named by the `x-amzn-ErrorType` header, one per status on
 * Bedrock Runtime, so the status class stands for it) and a `message` in the body.
 */
export function bedrockErrorMeaning(status: number, body: unknown): unknown {
  return { status: statusMeaning(status), message: messageAt(body, 'message') };
}
