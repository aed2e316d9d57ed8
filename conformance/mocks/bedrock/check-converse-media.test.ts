import { describe, expect, it } from 'vitest';
import { checkConverseMedia } from './check-converse-media.js';
import { createBedrockConverseMock } from './create-bedrock-converse-mock.js';

const b64 = (bytes: number[] | string) =>
  Buffer.from(typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)).toString('base64');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3];
const request = (...content: unknown[]) => ({ messages: [{ role: 'user', content: [...content, { text: 'what?' }] }] });
const image = (format: string, bytes: string) => ({ image: { format, source: { bytes } } });

describe('checkConverseMedia: the bytes are base64 of the format the block names', () => {
  it('passes real signatures, in turns and tool results', () => {
    expect(
      checkConverseMedia(
        request(
          image('png', b64(PNG)),
          image('jpeg', b64([0xff, 0xd8, 0xff, 0xe0])),
          image('gif', b64('GIF89a..')),
          image('webp', b64('RIFF\0\0\0\0WEBPVP8 ')),
          { document: { format: 'pdf', name: 'd', source: { bytes: b64('%PDF-1.7\n') } } },
          { document: { format: 'txt', name: 't', source: { bytes: b64('plain') } } },
          { toolResult: { toolUseId: 't', content: [image('png', b64(PNG))] } },
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a data: URL, base64 twice, a PNG labelled jpeg or pdf; random bytes pass (no signature to contradict)', () => {
    const bad = checkConverseMedia(
      request(
        image('png', `data:image/png;base64,${b64(PNG)}`),
        image('png', b64(b64(PNG))),
        image('jpeg', b64(PNG)),
        {
          toolResult: {
            toolUseId: 't',
            content: [{ document: { format: 'pdf', name: 'd', source: { bytes: b64(PNG) } } }],
          },
        },
        image('png', b64([7, 1, 200, 13, 99, 0, 255, 3])),
      ),
    );
    expect(bad.map((v) => v.path)).toEqual([
      'messages[0].content[0].image.source.bytes',
      'messages[0].content[1].image.source.bytes',
      'messages[0].content[2].image.source.bytes',
      'messages[0].content[3].toolResult.content[0].document.source.bytes',
    ]);
    expect(bad[0]!.message).toMatch(/not valid base64/);
    expect(bad[2]!.message).toMatch(/not jpeg data/);
  });

  it('the strict Converse mock answers such a request with a 400', async () => {
    const mock = createBedrockConverseMock();
    const res = await mock(
      new Request('http://bedrock.test/model/m/converse', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify(request(image('jpeg', b64(PNG)))),
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/not jpeg data/);
  });
});
