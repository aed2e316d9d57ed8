/** What a drift comparison reports. */

/** Part of an operation being compared. */
export type Section = 'request' | 'response' | 'stream' | 'error';

export const SECTIONS: readonly Section[] = ['request', 'response', 'stream', 'error'];

export type FindingKind =
  /** Upstream has something we lack (exit code unaffected). */
  | 'missing-section'
  | 'missing-property'
  | 'missing-member'
  | 'missing-enum'
  /** Incompatible: our spec rejects values the upstream spec allows (exit code 1). */
  | 'conflict'
  /** Informational: ours differs but accepts everything upstream does. */
  | 'extra-enum'
  | 'looser'
  | 'wider';

export interface Finding {
  readonly kind: FindingKind;
  readonly section: Section;
  /** Operation, e.g. `POST /v1/messages`. */
  readonly operation: string;
  /** Stable location in the upstream spec: nearest named schema + property path (`Usage.cache_creation`). */
  readonly location: string;
  /** Wire path from the section root where it was first met (`messages[].content`). */
  readonly path: string;
  readonly detail: string;
}

/** Counts of upstream things (by location) and how many of them our spec models. */
export interface Tally {
  readonly total: Set<string>;
  readonly modeled: Set<string>;
  /** Not modeled, but accepted because ours has a free-form object there (properties only). */
  readonly freeForm: Set<string>;
}

export interface Coverage {
  readonly properties: Record<Section, Tally>;
  readonly enumValues: Tally;
  /** Named upstream schemas reachable from the operations, and those met by the parallel walk. */
  readonly schemas: Tally;
}

export function emptyTally(): Tally {
  return { total: new Set(), modeled: new Set(), freeForm: new Set() };
}

export function emptyCoverage(): Coverage {
  return {
    properties: { request: emptyTally(), response: emptyTally(), stream: emptyTally(), error: emptyTally() },
    enumValues: emptyTally(),
    schemas: emptyTally(),
  };
}

export function isConflict(f: Finding): boolean {
  return f.kind === 'conflict';
}

export function isGap(f: Finding): boolean {
  return f.kind.startsWith('missing-');
}
