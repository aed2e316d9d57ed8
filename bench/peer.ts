/**
 * The peer: @musistudio/llms, called in-process as its own server does
 * (`transformerService.getTransformer('Anthropic')`). It covers Messages -> Chat requests and
 * Chat -> Messages responses and streams; the other directions have no peer equivalent.
 */
import { createRequire } from 'node:module';

interface PeerTransformer {
  transformRequestOut(body: unknown): Promise<unknown>;
  transformResponseIn(res: Response, ctx: { req: { id: string } }): Promise<Response>;
}

export async function loadPeer(): Promise<PeerTransformer | undefined> {
  try {
    const require = createRequire(import.meta.url);
    const mod = require('@musistudio/llms') as {
      default: new (o: object) => { transformerService: { getTransformer(n: string): PeerTransformer } };
    };
    const server = new mod.default({ logger: false, useJsonFile: false });
    await new Promise((r) => setTimeout(r, 0));
    return server.transformerService.getTransformer('Anthropic');
  } catch (e) {
    console.error(`peer unavailable: ${(e as Error).message}`);
    return undefined;
  }
}
