/** Where a Converse request goes (wire-formats §5.1): the model id in the path, the endpoint decides streaming. */
export function bedrockConverseTarget(model: string, stream: boolean): { path: string } {
  return { path: `/model/${encodeURIComponent(model)}/${stream ? 'converse-stream' : 'converse'}` };
}

const PATH = /\/model\/([^/]+)\/(converse|converse-stream)$/;

export function parseBedrockConversePath(path: string): { model: string; stream: boolean } | undefined {
  const m = PATH.exec(path.split('?')[0] ?? '');
  return m ? { model: decodeURIComponent(m[1]!), stream: m[2] === 'converse-stream' } : undefined;
}
