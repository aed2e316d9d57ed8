/**
 * Per target format: which URL sources of a Messages request it cannot take (so they need bytes), and which media
 * types it takes as bytes in an image and in a document. The table: docs/media.md#targets; the provider facts it
 * rests on: docs/wire-formats.md#anthropic-content-blocks, #openai-chat-request, #gemini-file-data,
 * #bedrock-converse-request, #bedrock-invoke.
 */
import type { FormatId } from '../core/formats.js';
import { findUrlMedia, type MediaSlot, type UrlMediaSource } from './find-url-media.js';
import type { MediaType } from './sniff.js';

export type { MediaSlot } from './find-url-media.js';

/**
 * Which URL sources the target cannot fetch itself:
 * - `none`: it takes every URL (Anthropic, Vertex);
 * - `all`: it takes no URL (Bedrock Converse and InvokeModel accept only bytes or S3 locations);
 * - `documents`: image URLs yes, document URLs no (Chat Completions: `image_url` takes http(s) URLs, a `file`
 *   part only `file_data` or a `file_id`);
 * - `https-documents`: document URLs over `https:` only (Gemini: `fileData.fileUri` takes Files API URIs,
 *   registered `gs://` objects and public HTTPS or signed URLs, which Gemini fetches itself, not `http:`; and
 *   `fileData` needs the media's `mimeType`, which a document URL has (an Anthropic URL document is a PDF) and an
 *   image URL does not until it is fetched).
 */
export type UrlSupport = 'none' | 'all' | 'documents' | 'https-documents';

export interface MediaTarget {
  urls: UrlSupport;
  /** media types the target takes as bytes in an image block */
  image: readonly MediaType[];
  /** media types the target takes as bytes in a document block (`text/plain` becomes a `text` source) */
  document: readonly MediaType[];
}

const CLAUDE_IMAGES: readonly MediaType[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const PDF_AND_TEXT: readonly MediaType[] = ['application/pdf', 'text/plain'];

/** `Record<FormatId, …>`: a new format id fails to compile until it has a row here. */
export const MEDIA_TARGETS: Record<FormatId, MediaTarget> = {
  'anthropic-messages': { urls: 'none', image: CLAUDE_IMAGES, document: PDF_AND_TEXT },
  'vertex-anthropic': { urls: 'none', image: CLAUDE_IMAGES, document: PDF_AND_TEXT },
  'bedrock-invoke': { urls: 'all', image: CLAUDE_IMAGES, document: PDF_AND_TEXT },
  'bedrock-converse': {
    urls: 'all',
    image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
    document: PDF_AND_TEXT,
  },
  // Gemini's image types are PNG, JPEG, WebP, HEIC and HEIF: no GIF
  gemini: { urls: 'https-documents', image: ['image/png', 'image/jpeg', 'image/webp'], document: PDF_AND_TEXT },
  // Chat file parts take PDF only; a text document becomes a `text` source, which is sent as text
  'openai-chat': {
    urls: 'documents',
    image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    document: PDF_AND_TEXT,
  },
  // Responses takes URLs for both: `input_image.image_url` and `input_file.file_url`
  'openai-responses': {
    urls: 'none',
    image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    document: PDF_AND_TEXT,
  },
};

/** Whether `target` cannot take this URL source as a URL. */
export function needsBytes(target: MediaTarget, slot: MediaSlot, url: string): boolean {
  switch (target.urls) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'documents':
      return slot === 'document';
    case 'https-documents':
      // as a URL parser reads it (it drops tabs and newlines anywhere, and spaces around)
      return slot === 'image' || (URL.canParse(url) && new URL(url).protocol === 'http:');
  }
}

/**
 * The URL sources of `body` (an `anthropic-messages` request) that the format `to` cannot take: what `resolveMedia`
 * fetches, and what a gateway configured to refuse URL media answers 400 for. Pure.
 */
export function urlMediaNeedingBytes(to: FormatId, body: unknown): UrlMediaSource[] {
  const target: MediaTarget | undefined = Object.hasOwn(MEDIA_TARGETS, to) ? MEDIA_TARGETS[to] : undefined;
  if (!target) return findUrlMedia(body);
  return findUrlMedia(body).filter((s) => needsBytes(target, s.slot, s.url));
}
