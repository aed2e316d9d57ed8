import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, loadScenarios } from '../../conformance/scenarios/load-scenarios.js';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's pair table: row label -> the fixture folders it counts. */
const ROWS: Record<string, string[]> = {
  'Messages → Chat': ['anthropic-messages--openai-chat'],
  'Chat → Messages': ['openai-chat--anthropic-messages'],
  'Messages → Gemini': ['anthropic-messages--gemini'],
  'Gemini → Messages': ['gemini--anthropic-messages'],
  'Messages → Bedrock Converse': ['anthropic-messages--bedrock-converse'],
  'Converse → Messages': ['bedrock-converse--anthropic-messages'],
  'Messages → Bedrock InvokeModel': ['anthropic-messages--bedrock-invoke'],
  'InvokeModel → Messages': ['bedrock-invoke--anthropic-messages'],
  'Messages → Vertex': ['anthropic-messages--vertex-anthropic'],
  'Vertex → Messages': ['vertex-anthropic--anthropic-messages'],
  'Chat → Gemini, Converse, InvokeModel, Vertex': [
    'openai-chat--gemini',
    'openai-chat--bedrock-converse',
    'openai-chat--bedrock-invoke',
    'openai-chat--vertex-anthropic',
  ],
  'Gemini, Converse → Chat': ['gemini--openai-chat', 'bedrock-converse--openai-chat'],
  'Messages → Messages': ['anthropic-messages--anthropic-messages'],
  'Responses → Messages': ['openai-responses--anthropic-messages'],
  'Messages → Responses': ['anthropic-messages--openai-responses'],
  'Responses → Chat, Gemini, Converse, InvokeModel, Vertex': [
    'openai-responses--openai-chat',
    'openai-responses--gemini',
    'openai-responses--bedrock-converse',
    'openai-responses--bedrock-invoke',
    'openai-responses--vertex-anthropic',
  ],
};

const scenarios = loadScenarios();
const count = (pairs: string[]) => scenarios.filter((s) => pairs.includes(s.pair)).length;

describe('README: the pair table tells the truth about the catalog', () => {
  it('every fixture folder is a row of the table', () => {
    const folders = readdirSync(FIXTURES_DIR).filter((f) => f.includes('--'));
    expect(folders.filter((f) => !Object.values(ROWS).flat().includes(f))).toEqual([]);
  });

  for (const [label, pairs] of Object.entries(ROWS)) {
    it(`${label}: the scenario count is the number of scenarios in ${pairs.join(', ')}`, () => {
      const row = README.split('\n').find((line) => line.startsWith(`| ${label} |`));
      expect(row, `no README row for ${label}`).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(Number(cells[3])).toBe(count(pairs));
    });
  }

  it('the total in the conformance section is the whole catalog', () => {
    const m = /`fixtures\/<client>--<upstream>\/<scenario>\/`, (\d+) scenarios/.exec(README);
    expect(Number(m?.[1])).toBe(scenarios.length);
  });
});
