import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const EXAMPLE = readFileSync(resolve(import.meta.dirname, 'readme-example.ts'), 'utf8');

describe('README: "Use the translators"', () => {
  it('shows readme-example.ts, the handler `npm run typecheck` compiles against the package entries', () => {
    const section = README.slice(README.indexOf('## Use the translators'), README.indexOf('### Formats and pairs'));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toEqual([EXAMPLE]);
    expect(EXAMPLE).toContain("from 'crosswire'");
  });
});
