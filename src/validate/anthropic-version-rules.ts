import { childPath } from '../core/json-path.js';
import { isRecord } from '../core/narrow.js';
import type { ValidationIssue } from './types.js';

/**
 * What Anthropic API version `2026-10-21` rejects beyond the schema (docs/wire-formats.md#anthropic-versions-and-headers): `temperature`,
 * `top_p` and `top_k` (400 even at default values), `document` blocks in assistant messages, and text
 * blocks with citations in user messages (also inside `search_result`). The same rules hold for
 * count_tokens. Other versions: no issues.
 */
export function anthropicVersionRules(body: unknown, version: string | null | undefined): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (version !== '2026-10-21' || !isRecord(body)) return out;
  for (const key of ['temperature', 'top_p', 'top_k']) {
    if (body[key] !== undefined)
      out.push({ path: key, message: `${key}: is not supported in anthropic-version 2026-10-21` });
  }
  if (!Array.isArray(body.messages)) return out;
  body.messages.forEach((message, i) => {
    if (!isRecord(message) || !Array.isArray(message.content)) return;
    const contentPath = childPath(childPath('messages', i), 'content');
    message.content.forEach((block, j) => {
      const path = childPath(contentPath, j);
      if (!isRecord(block)) return;
      if (message.role === 'assistant' && block.type === 'document') {
        out.push({
          path,
          message: `${path}: document blocks are not allowed in assistant messages in anthropic-version 2026-10-21`,
        });
      }
      if (message.role === 'user') checkUserCitations(block, path, out);
    });
  });
  return out;
}

function checkUserCitations(block: Record<string, unknown>, path: string, out: ValidationIssue[]): void {
  if (block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
    out.push({
      path: childPath(path, 'citations'),
      message: `${path}: text blocks with citations are not allowed in user messages in anthropic-version 2026-10-21`,
    });
  }
  if (block.type === 'search_result' && Array.isArray(block.content)) {
    block.content.forEach((inner, k) => {
      if (isRecord(inner)) checkUserCitations(inner, childPath(childPath(path, 'content'), k), out);
    });
  }
}
