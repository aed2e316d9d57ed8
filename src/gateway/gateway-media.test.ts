import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockConverseMock } from '../../conformance/mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../../conformance/mocks/bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from '../../conformance/mocks/gemini/create-gemini-mock.js';
import type { MockProvider } from '../../conformance/mocks/mock-types.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import { type MediaServer, SAMPLES, type SampleType, startMediaServer } from '../../test/support/media-server.js';
import type { GatewayConfig, ProviderConfig } from './config.js';
import { createGateway } from './node/create-gateway.js';

/**
 * URL media through the gateway (docs/gateway.md#media): the official SDKs as clients, the strict mocks as
 * upstreams, a loopback media server behind the gateway's default Node media fetch (the pinned fetch, which checks
 * the addresses it connects to). Loopback is allowed through `media.allowHosts`, as a deployment would allow an
 * internal host. The bytes are compared with what the media server served, decoded with Node's own base64.
 */
let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer();
});
afterAll(() => server.close());

type Mocks = Record<'converse' | 'invoke' | 'gemini' | 'openai', MockProvider>;

function setup(
  opts: {
    media?: GatewayConfig['media'] | null;
    provider?: Partial<Record<keyof Mocks, Partial<ProviderConfig>>>;
  } = {},
) {
  const mocks: Mocks = {
    converse: createBedrockConverseMock({ apiKey: 'c-key' }),
    invoke: createBedrockInvokeMock({ apiKey: 'b-key' }),
    gemini: createGeminiMock({ apiKey: 'g-key' }),
    openai: createOpenAIMock({ apiKey: 'o-key' }),
  };
  const logs: unknown[] = [];
  const provider = (name: keyof Mocks, p: ProviderConfig): ProviderConfig => ({ ...p, ...opts.provider?.[name] });
  const gateway = createGateway({
    providers: {
      converse: provider('converse', { format: 'bedrock-converse', baseUrl: 'http://converse.mock', apiKey: 'c-key' }),
      invoke: provider('invoke', { format: 'bedrock-invoke', baseUrl: 'http://invoke.mock', apiKey: 'b-key' }),
      gemini: provider('gemini', { format: 'gemini', baseUrl: 'http://gemini.mock', apiKey: 'g-key' }),
      openai: provider('openai', { format: 'openai-chat', baseUrl: 'http://openai.mock/v1', apiKey: 'o-key' }),
    },
    fetch: (req) => mocks[new URL(req.url).host.replace('.mock', '') as keyof Mocks](req),
    ...(opts.media === null ? {} : { media: opts.media ?? { allowHosts: ['127.0.0.1'], allowHttp: true } }),
    log: (e) => logs.push(e),
  });
  const fetch = (input: string | URL | Request, init?: RequestInit) => gateway.fetch(new Request(input, init));
  const anthropic = new Anthropic({ apiKey: 'client', baseURL: 'http://localhost', fetch, maxRetries: 0 });
  const openai = new OpenAI({ apiKey: 'client', baseURL: 'http://localhost/v1', fetch, maxRetries: 0 });
  return { mocks, gateway, anthropic, openai, logs };
}

const decoded = (b64: unknown) => new Uint8Array(Buffer.from(String(b64), 'base64'));
const bytesOf = (t: SampleType) => new Uint8Array(SAMPLES[t]);

function ask(model: string, content: Anthropic.ContentBlockParam[]): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: 50,
    messages: [{ role: 'user', content: [...content, { type: 'text', text: 'what?' }] }],
  };
}
const image = (url: string): Anthropic.ImageBlockParam => ({ type: 'image', source: { type: 'url', url } });
const pdf = (url: string): Anthropic.DocumentBlockParam => ({ type: 'document', source: { type: 'url', url } });

type Json = Record<string, unknown> & { messages?: { content: Record<string, Record<string, unknown>>[] }[] };
const lastBody = (m: MockProvider) => m.requests[m.requests.length - 1]!.body as Json;

/** The error an SDK call rejects with (an `APIError` of the SDK). */
async function failure(p: Promise<unknown>): Promise<{ status: number; message: string; body: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; message?: string; error?: unknown };
    return { status: err.status ?? 0, message: String(err.message), body: err.error };
  }
  throw new Error('the call succeeded');
}

const IMAGES: [SampleType, string, string][] = [
  ['image/jpeg', '/a.jpg', 'jpeg'],
  ['image/png', '/a.png', 'png'],
  ['image/gif', '/a.gif', 'gif'],
  ['image/webp', '/a.webp', 'webp'],
];

describe('Anthropic SDK -> gateway -> Bedrock Converse: URL media arrives as bytes', () => {
  it('an image of each type and a PDF, byte-equal to what the media server served', async () => {
    const { anthropic, mocks } = setup();
    const msg = await anthropic.messages.create(
      ask('@converse/anthropic.claude-x', [
        ...IMAGES.map(([, path]) => image(server.url(path))),
        pdf(server.url('/a.pdf')),
      ]),
    );
    expect(msg.content[0]).toMatchObject({ type: 'text' });
    const seen = mocks.converse.requests[0]!;
    expect(seen.status).toBe(200);
    const content = (seen.body as Json).messages![0]!.content;
    IMAGES.forEach(([type, , format], i) => {
      expect(content[i]!.image!.format).toBe(format);
      expect(decoded((content[i]!.image!.source as { bytes: string }).bytes)).toEqual(bytesOf(type));
    });
    const doc = content[4]!.document as { format: string; name: string; source: { bytes: string } };
    expect(doc.format).toBe('pdf');
    expect(doc.name).toEqual(expect.any(String));
    expect(decoded(doc.source.bytes)).toEqual(bytesOf('application/pdf'));
  });

  it('streams too; a URL named twice is fetched once', async () => {
    const { anthropic, mocks } = setup();
    const url = server.url('/a.png?twice');
    const stream = anthropic.messages.stream(ask('@converse/anthropic.claude-x', [image(url), image(url)]));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('end_turn');
    expect(server.hits.get('/a.png?twice')).toBe(1);
    const content = lastBody(mocks.converse).messages![0]!.content;
    expect(decoded((content[1]!.image!.source as { bytes: string }).bytes)).toEqual(bytesOf('image/png'));
  });

  it('follows a redirect chain within the limit, and answers 502 past it', async () => {
    const { anthropic, mocks } = setup();
    await anthropic.messages.create(ask('@converse/m', [image(server.url('/hops/3/a.webp'))]));
    const content = lastBody(mocks.converse).messages![0]!.content;
    expect(decoded((content[0]!.image!.source as { bytes: string }).bytes)).toEqual(bytesOf('image/webp'));
    const f = await failure(anthropic.messages.create(ask('@converse/m', [image(server.url('/hops/4/a.webp'))])));
    expect(f.status).toBe(502);
    expect(f.message).toContain('messages[0].content[0].source.url');
    expect(mocks.converse.requests).toHaveLength(1);
  });
});

describe('Anthropic SDK count_tokens -> gateway -> Bedrock CountTokens', () => {
  it('counts on the bytes the generation would send', async () => {
    const { anthropic, mocks } = setup();
    const r = await anthropic.messages.countTokens({
      model: '@converse/m',
      messages: [{ role: 'user', content: [image(server.url('/a.png?count')), { type: 'text', text: 'what?' }] }],
    });
    expect(r.input_tokens).toBeGreaterThan(0);
    const body = mocks.converse.requests[0]!.body as { input: { converse: Json } };
    const content = body.input.converse.messages![0]!.content;
    expect(decoded((content[0]!.image!.source as { bytes: string }).bytes)).toEqual(bytesOf('image/png'));
  });
});

describe('Anthropic SDK -> gateway -> Bedrock InvokeModel', () => {
  it('URL images and a URL PDF become base64 sources with the sniffed media types', async () => {
    const { anthropic, mocks } = setup();
    await anthropic.messages.create(
      ask('@invoke/anthropic.claude-x', [image(server.url('/untyped/a.jpg')), pdf(server.url('/octet/a.pdf'))]),
    );
    const seen = mocks.invoke.requests[0]!;
    expect(seen.status).toBe(200);
    const [img, doc] = (seen.body as Json).messages![0]!.content;
    expect(img!.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
    expect(decoded(img!.source!.data)).toEqual(bytesOf('image/jpeg'));
    expect(doc!.source).toMatchObject({ type: 'base64', media_type: 'application/pdf' });
    expect(decoded(doc!.source!.data)).toEqual(bytesOf('application/pdf'));
  });
});

describe('Anthropic SDK -> gateway -> Gemini', () => {
  it('a URL image and a URL PDF become inlineData, byte-equal', async () => {
    const { anthropic, mocks } = setup();
    await anthropic.messages.create(ask('@gemini/gemini-x', [image(server.url('/a.png')), pdf(server.url('/a.pdf'))]));
    const seen = mocks.gemini.requests[0]!;
    expect(seen.status).toBe(200);
    const parts = (seen.body as { contents: { parts: { inlineData?: { mimeType: string; data: string } }[] }[] })
      .contents[0]!.parts;
    expect(parts[0]!.inlineData!.mimeType).toBe('image/png');
    expect(decoded(parts[0]!.inlineData!.data)).toEqual(bytesOf('image/png'));
    expect(parts[1]!.inlineData!.mimeType).toBe('application/pdf');
    expect(decoded(parts[1]!.inlineData!.data)).toEqual(bytesOf('application/pdf'));
  });

  it('a GIF, which Gemini does not take, is a 400 naming the source', async () => {
    const { anthropic, mocks } = setup();
    const f = await failure(anthropic.messages.create(ask('@gemini/gemini-x', [image(server.url('/a.gif'))])));
    expect(f.status).toBe(400);
    expect(f.message).toContain('image/gif');
    expect(f.message).toContain('messages[0].content[0].source.url');
    expect(mocks.gemini.requests).toHaveLength(0);
  });
});

describe('OpenAI SDK (Chat) -> gateway', () => {
  it('an image_url reaches Bedrock Converse as bytes', async () => {
    const { openai, mocks } = setup();
    await openai.chat.completions.create({
      model: '@converse/m',
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is it?' },
            { type: 'image_url', image_url: { url: server.url('/a.jpg?chat') } },
          ],
        },
      ],
    });
    const content = lastBody(mocks.converse).messages![0]!.content;
    const img = content.find((b) => b.image)!.image as { format: string; source: { bytes: string } };
    expect(img.format).toBe('jpeg');
    expect(decoded(img.source.bytes)).toEqual(bytesOf('image/jpeg'));
  });

  it('a failure names the path in the Chat request (param and message)', async () => {
    const { openai, mocks } = setup();
    const f = await failure(
      openai.chat.completions.create({
        model: '@converse/m',
        messages: [
          { role: 'system', content: 'be brief' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is it?' },
              { type: 'image_url', image_url: { url: server.url('/status/404') } },
            ],
          },
        ],
      }),
    );
    expect(f.status).toBe(502);
    expect(f.message).toContain('messages[1].content[1].image_url.url');
    expect((f.body as { param: string }).param).toBe('messages[1].content[1].image_url.url');
    expect(mocks.converse.requests).toHaveLength(0);
  });
});

describe('Gemini SDK -> gateway -> Bedrock InvokeModel', () => {
  it('a fileData URL arrives as bytes; a failure names the path in the Gemini request', async () => {
    const { gateway, mocks } = setup();
    const fetch = (input: string | URL | Request, init?: RequestInit) => gateway.fetch(new Request(input, init));
    const gemini = new GoogleGenAI({
      apiKey: 'client',
      httpOptions: { baseUrl: 'http://localhost', apiVersion: 'v1beta', fetch },
    });
    const ask = (uri: string) =>
      gemini.models.generateContent({
        model: '@invoke/claude-x',
        contents: [
          { role: 'user', parts: [{ text: 'what?' }, { fileData: { mimeType: 'image/webp', fileUri: uri } }] },
        ],
        config: { maxOutputTokens: 20 },
      });
    await ask(server.url('/a.webp?gemini'));
    const img = lastBody(mocks.invoke).messages![0]!.content[1]!;
    expect(img.source).toMatchObject({ type: 'base64', media_type: 'image/webp' });
    expect(decoded(img.source!.data)).toEqual(bytesOf('image/webp'));
    const f = await failure(ask(server.url('/html-as-png')));
    expect(f.status).toBe(400);
    expect(f.message).toContain('contents[0].parts[1].fileData.fileUri');
  });
});

describe('Anthropic SDK -> gateway -> OpenAI Chat', () => {
  it('a document URL is inlined as PDF file_data; an image URL stays a URL (Chat fetches it)', async () => {
    const { anthropic, mocks } = setup();
    const imageUrl = server.url('/a.png?stays');
    await anthropic.messages.create(ask('@openai/gpt-x', [image(imageUrl), pdf(server.url('/a.pdf?chat'))]));
    expect(server.hits.get('/a.png?stays')).toBeUndefined();
    const parts = (
      lastBody(mocks.openai).messages as unknown as { content: Record<string, Record<string, string>>[] }[]
    )[0]!.content;
    expect(parts[0]).toEqual({ type: 'image_url', image_url: { url: imageUrl } });
    const data = parts[1]!.file!.file_data!;
    expect(data.startsWith('data:application/pdf;base64,')).toBe(true);
    expect(decoded(data.slice('data:application/pdf;base64,'.length))).toEqual(bytesOf('application/pdf'));
  });
});

describe('safety rules through the gateway', () => {
  it('a loopback address is refused (400, nothing fetched) unless media.allowHosts allows it', async () => {
    const { anthropic, mocks } = setup({ media: { allowHttp: true } });
    const f = await failure(anthropic.messages.create(ask('@converse/m', [image(server.url('/a.png?private'))])));
    expect(f.status).toBe(400);
    expect(f.message).toMatch(/loopback|private|not allowed|forbidden/i);
    expect(f.message).toContain('messages[0].content[0].source.url');
    expect(server.hits.get('/a.png?private')).toBeUndefined();
    expect(mocks.converse.requests).toHaveLength(0);
  });

  it('http is refused unless media.allowHttp', async () => {
    const { anthropic } = setup({ media: { allowHosts: ['127.0.0.1'] } });
    const f = await failure(anthropic.messages.create(ask('@invoke/m', [image(server.url('/a.png?http'))])));
    expect(f.status).toBe(400);
    expect(server.hits.get('/a.png?http')).toBeUndefined();
  });

  it('a redirect to a forbidden address is refused after the hop', async () => {
    const { anthropic } = setup();
    const f = await failure(
      anthropic.messages.create(ask('@converse/m', [image(server.url('/redirect?to=http://169.254.169.254/latest'))])),
    );
    expect(f.status).toBe(400);
    expect(f.message).toContain('169.254.169.254');
  });

  it('an oversize file is a 400 naming the limit (provider mediaLimits over the gateway limits)', async () => {
    const { anthropic, mocks } = setup({ provider: { converse: { mediaLimits: { maxItemBytes: 1000 } } } });
    const f = await failure(anthropic.messages.create(ask('@converse/m', [image(server.url('/big?bytes=5000'))])));
    expect(f.status).toBe(400);
    expect(f.message).toMatch(/1000/);
    // the same file is within the other providers' (default) limits
    await anthropic.messages.create(ask('@invoke/m', [image(server.url('/big?bytes=5000'))]));
    expect(mocks.invoke.requests).toHaveLength(1);
  });

  it('a wrong content type (HTML labelled image/png) is a 400', async () => {
    const { anthropic } = setup();
    const f = await failure(anthropic.messages.create(ask('@converse/m', [image(server.url('/html-as-png'))])));
    expect(f.status).toBe(400);
    expect(f.message).toContain('messages[0].content[0].source.url');
  });

  it('a slow server is a 504 after media.limits.timeoutMs', async () => {
    const { anthropic, logs } = setup({
      media: { allowHosts: ['127.0.0.1'], allowHttp: true, limits: { timeoutMs: 150 } },
    });
    const f = await failure(
      anthropic.messages.create(ask('@converse/m', [image(server.url('/slow-headers?ms=3000'))])),
    );
    expect(f.status).toBe(504);
    expect(logs).toContainEqual(expect.objectContaining({ event: 'media_failed', status: 504 }));
  });

  it('a client that goes away cancels the media fetch', async () => {
    const { gateway } = setup();
    const before = server.abandoned();
    const ac = new AbortController();
    const path = '/slow-body?ms=5000&abort';
    const pending = gateway.fetch(
      new Request('http://localhost/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'client' },
        body: JSON.stringify(ask('@converse/m', [image(server.url(path))])),
        signal: ac.signal,
      }),
    );
    while (!server.hits.get(path)) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    ac.abort();
    const res = await pending;
    // answered at once (the body would take 5 s more), by the resolver, which closed the media connection
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(499);
    expect(JSON.stringify(await res.json())).toContain('cancelled while its media was fetched');
    for (let i = 0; i < 100 && server.abandoned() === before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.abandoned()).toBeGreaterThan(before);
  });
});

describe('media modes', () => {
  it('refuse: a 400 naming the first URL source the provider cannot take, nothing fetched', async () => {
    const { anthropic, mocks } = setup({ provider: { converse: { media: 'refuse' } } });
    const f = await failure(
      anthropic.messages.create(
        ask('@converse/m', [{ type: 'text', text: 'see' }, image(server.url('/a.png?refuse'))]),
      ),
    );
    expect(f.status).toBe(400);
    expect(f.message).toContain('messages[0].content[1].source.url');
    expect(server.hits.get('/a.png?refuse')).toBeUndefined();
    expect(mocks.converse.requests).toHaveLength(0);
  });

  it('pass: the translator reports the URL source it cannot carry as a loss, nothing fetched', async () => {
    const { gateway, mocks } = setup({ provider: { converse: { media: 'pass' } } });
    const res = await gateway.fetch(
      new Request('http://localhost/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'client', 'x-crosswire-debug': 'losses' },
        body: JSON.stringify(ask('@converse/m', [image(server.url('/a.png?pass'))])),
      }),
    );
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-crosswire-losses'))).toBeGreaterThan(0);
    expect(decodeURIComponent(res.headers.get('x-crosswire-loss-detail')!)).toContain(
      '"path":"messages[0].content[0]"',
    );
    expect(server.hits.get('/a.png?pass')).toBeUndefined();
    expect(mocks.converse.requests).toHaveLength(1);
  });

  it('a request without URL media needs no media fetch (a web gateway without one still serves it)', async () => {
    const { createGateway: createWebGateway } = await import('./create-gateway.js');
    const converse = createBedrockConverseMock({ apiKey: 'c-key' });
    const gateway = createWebGateway({
      providers: { converse: { format: 'bedrock-converse', baseUrl: 'http://converse.mock', apiKey: 'c-key' } },
      fetch: (req) => converse(req),
      log: () => {},
    });
    const req = (content: Anthropic.ContentBlockParam[]) =>
      new Request('http://localhost/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'client' },
        body: JSON.stringify(ask('@converse/m', content)),
      });
    expect((await gateway.fetch(req([]))).status).toBe(200);
    const res = await gateway.fetch(req([image(server.url('/a.png?web'))]));
    expect(res.status).toBe(501);
    expect(JSON.stringify(await res.json())).toContain('media.fetch');
  });
});
