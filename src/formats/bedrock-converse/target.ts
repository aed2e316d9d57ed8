import { decodePathSegment, isDotSegment, pathSegment } from '../../core/url-path.js';

/**
 * Where a Converse request goes (docs/wire-formats.md#bedrock-converse-request): the model id in the path, the endpoint
 * decides streaming. A model `.` or `..` is refused (`invalid_input`): the URL would resolve it to another path.
 */
export function bedrockConverseTarget(model: string, stream: boolean): { path: string } {
  return { path: `/model/${pathSegment(model, 'model')}/${stream ? 'converse-stream' : 'converse'}` };
}

/** The model may hold `/` (an ARN, or a raw `@provider/model`). */
const PATH = /\/model\/(.+)\/(converse|converse-stream)$/;

/** The model and streaming choice of a Converse path (what a Bedrock-speaking client calls; the gateway routes by it). */
export function parseBedrockConversePath(path: string): { model: string; stream: boolean } | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  const model = m ? decodePathSegment(m[1]!) : undefined;
  return m && model && !isDotSegment(model) ? { model, stream: m[2] === 'converse-stream' } : undefined;
}
