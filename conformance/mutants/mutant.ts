/** One textual edit of a source file: `search` must occur exactly once in `file`, or the mutant has rotted. */
export interface MutantEdit {
  /** path from the repository root, e.g. `src/pairs/anthropic-messages--openai-chat/stream-to-anthropic.ts` */
  file: string;
  search: string;
  replace: string;
}

/** A real-world translation bug, planted in a copy of the source tree; the suite must fail on it. */
export interface Mutant {
  /** short kebab-case name; also the folder under `.cache/mutants/` */
  name: string;
  /** the bug, as a user would see it */
  description: string;
  edits: readonly MutantEdit[];
  /**
   * test files or folders (from the repository root) expected to kill it. Only the deterministic ones (not under
   * `conformance/properties/`: a unit test beside the mutated file, or the scenarios) decide: the mutant is killed
   * when one of them fails, and at least one must be listed. Property tests run only to diagnose a survivor.
   */
  tests: readonly string[];
  /**
   * a test-name pattern (vitest `-t`) for the property tests only: of the listed property files, only the tests whose
   * names match run — e.g. one direction of a property. Deterministic tests always run whole.
   */
  filter?: string;
}

/** Property tests draw their cases at random (`CROSSWIRE_PROPERTY_SEED` replays a draw): they never decide a verdict. */
export const PROPERTY_TESTS = 'conformance/properties/';

/** Whether a listed test path is a property test (or the whole property folder). */
export function isPropertyTest(path: string): boolean {
  return path === PROPERTY_TESTS.slice(0, -1) || path.startsWith(PROPERTY_TESTS);
}

/** How often `search` occurs in `text`. */
export function countOccurrences(text: string, search: string): number {
  if (search === '') return 0;
  let n = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) n++;
  return n;
}

export class RottenMutantError extends Error {
  override readonly name = 'RottenMutantError';
}

/** Apply a mutant's edits to file contents read by `read`; throws `RottenMutantError` when an anchor is missing or ambiguous. */
export function applyEdits(mutant: Mutant, read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of mutant.edits) {
    const before = out.get(e.file) ?? read(e.file);
    const n = countOccurrences(before, e.search);
    if (n !== 1) {
      throw new RottenMutantError(
        `${mutant.name}: anchor found ${n} times in ${e.file} (must be exactly once): ${JSON.stringify(e.search)}`,
      );
    }
    out.set(
      e.file,
      before.replace(e.search, () => e.replace),
    );
  }
  return out;
}
