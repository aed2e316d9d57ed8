/** Compares our spec with an upstream spec for the modeled operations of one API. */
import type { ModeledOperation } from './apis.js';
import { compareSchemas, countUpstream, createContext, finishEnums } from './compare-schemas.js';
import { type Coverage, emptyCoverage, type Finding, type Section } from './findings.js';
import { field, isRecord, type JsonRecord, resolvePointer } from './json.js';
import { findOperation, matchErrorStatus, type OperationSections, reachableSchemas } from './operation-sections.js';
import { SchemaResolver } from './schema-alternatives.js';

export interface DriftReport {
  readonly findings: readonly Finding[];
  readonly coverage: Coverage;
  /** Upstream schemas reachable from the operations that the walk never met alongside one of ours. */
  readonly missingSchemas: readonly string[];
  /** Operations compared, as `ours ↔ upstream`. */
  readonly operations: readonly string[];
}

export function runDrift(ours: JsonRecord, upstream: JsonRecord, operations: readonly ModeledOperation[]): DriftReport {
  const coverage = emptyCoverage();
  const findings: Finding[] = [];
  const ctx = createContext(new SchemaResolver(upstream), new SchemaResolver(ours), coverage, findings);
  const roots: unknown[] = [];
  const labels: string[] = [];

  for (const modeled of operations) {
    const name = `${modeled.method.toUpperCase()} ${modeled.path}`;
    ctx.operation = name;
    const up = withStreamFallback(upstream, findOperation(upstream, modeled.method, modeled.path), modeled);
    const mine = withStreamFallback(ours, findOperation(ours, modeled.method, modeled.path), modeled);
    if (!up) {
      findings.push({
        kind: 'missing-section',
        section: 'request',
        operation: name,
        location: name,
        path: '',
        detail: 'operation not found upstream',
      });
      continue;
    }
    labels.push(`${name} ↔ upstream ${up.label}`);
    const pairs: [Section, unknown, unknown][] = [
      ['request', up.request, mine?.request],
      ['response', up.response, mine?.response],
      ['stream', up.stream, mine?.stream],
    ];
    for (const [status, schema] of up.errors) {
      pairs.push(['error', schema, mine ? matchErrorStatus(mine.errors, status) : undefined]);
    }
    for (const [section, upSchema, ourSchema] of pairs) {
      if (upSchema === undefined) continue;
      roots.push(upSchema);
      const where = { section, location: section, path: '' };
      if (ourSchema === undefined) {
        findings.push({
          kind: 'missing-section',
          section,
          operation: name,
          location: section,
          path: '',
          detail: `${section} schema is not modeled`,
        });
        countUpstream(ctx, upSchema, where);
      } else {
        compareSchemas(ctx, upSchema, ourSchema, where);
      }
    }
  }

  finishEnums(ctx);
  const { matchedSchemas } = ctx;
  const reachable = reachableSchemas(upstream, roots);
  for (const n of reachable) {
    coverage.schemas.total.add(n);
    if (matchedSchemas.has(n)) coverage.schemas.modeled.add(n);
  }
  const missingSchemas = [...reachable].filter((n) => !matchedSchemas.has(n)).sort();
  return { findings, coverage, missingSchemas, operations: labels };
}

/** Adds the named stream schema when the operation declares no `text/event-stream` response. */
function withStreamFallback(
  root: JsonRecord,
  found: OperationSections | undefined,
  modeled: ModeledOperation,
): OperationSections | undefined {
  if (!found || found.stream !== undefined || !modeled.streamSchema) return found;
  const ref = `#/components/schemas/${modeled.streamSchema}`;
  const exists = isRecord(field(field(root, 'components'), 'schemas')) && resolvePointer(root, ref) !== undefined;
  return exists ? { ...found, stream: { $ref: ref } } : found;
}
