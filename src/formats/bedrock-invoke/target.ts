import { decodePathSegment, isDotSegment, pathSegment } from '../../core/url-path.js';

/**
 * Where a Bedrock InvokeModel request for Claude goes (docs/wire-formats.md#bedrock-invoke): the model id (also an
 * inference-profile id or an ARN) is URL-encoded into the path, the endpoint decides streaming. A model `.` or `..`
 * is refused (`invalid_input`): the URL would resolve it to another path.
 */
export function bedrockInvokeTarget(model: string, stream: boolean): { path: string } {
  const m = pathSegment(model, 'model');
  return { path: stream ? `/model/${m}/invoke-with-response-stream` : `/model/${m}/invoke` };
}

/** The model may hold `/` (an ARN, or a raw `@provider/model`). */
const PATH = /\/model\/(.+)\/(invoke|invoke-with-response-stream)$/;

/** The model and streaming choice of an InvokeModel path (what a Bedrock-speaking client calls; the gateway routes by it). */
export function parseBedrockInvokePath(path: string): { model: string; stream: boolean } | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  const model = m ? decodePathSegment(m[1]!) : undefined;
  return m && model && !isDotSegment(model) ? { model, stream: m[2] === 'invoke-with-response-stream' } : undefined;
}
