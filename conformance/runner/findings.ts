import { type FormatId, isFormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { type DiffEntry, jsonDiffEntries, show } from '../scenarios/diff.js';
import { type CaseResult, columnOf } from './case-result.js';

/**
 * The findings of a run: failed checks grouped into distinct defects, each stated once in one plain sentence with
 * the scenarios and checks that show it. A failed check's differences (its structured diff, or its problem lines)
 * each get a signature — what differs, where, in which format — and checks that share a signature are one finding.
 * When the gateway answered an error without calling the provider, every failed check of that scenario is that one
 * fact. Findings are ordered by how many client → provider routes they affect, then by scenarios.
 */
export interface Finding {
  sentence: string;
  /** `client → provider` columns it shows in */
  routes: string[];
  scenarios: string[];
  /** the checks (aspects) that show it */
  checks: string[];
  /** one occurrence in full */
  example: { scenario: string; check: string; detail: string };
  /** other differences seen in exactly the same scenarios and checks: the same defect seen from other sides */
  also?: string[];
}

const FORMAT_NAMES: Record<string, string> = {
  'anthropic-messages': 'Anthropic',
  'openai-chat': 'OpenAI',
  gemini: 'Gemini',
  'bedrock-converse': 'Bedrock Converse',
  'bedrock-invoke': 'Bedrock InvokeModel',
  'vertex-anthropic': 'Vertex (Claude)',
  'openai-responses': 'OpenAI Responses',
};

function formatName(f: string): string {
  return FORMAT_NAMES[f] ?? f;
}

/** Formats that share Anthropic's body (requests and answers): one defect there is one finding across them. */
const ANTHROPIC_BODY = new Set(['anthropic-messages', 'bedrock-invoke', 'vertex-anthropic']);

/** The scope and the name of a format's bodies in a finding (Anthropic, InvokeModel and Vertex bodies are one). */
function bodyScope(f: string): { scope: string; name: string } {
  return ANTHROPIC_BODY.has(f)
    ? { scope: 'anthropic-body', name: 'Anthropic-format' }
    : { scope: f, name: formatName(f) };
}

/** Grammar rules about how a stream ends: when the stream check already found the wrong ending, they say the same. */
const ENDING_RULES = new Set([
  'missing-terminal',
  'block-open',
  'block-not-stopped',
  'done-missing',
  'finish-reason-missing',
  'message-delta-missing',
  'metadata-missing',
  'after-error',
  'after-exception',
  'after-done',
  'after-message-stop',
]);

function isEndingLine(line: string): boolean {
  const rule = /^(\S+) at event \d+:/.exec(line)?.[1];
  if (rule) return ENDING_RULES.has(rule);
  return line.startsWith('the stream must end with') || line.startsWith('the stream ends cleanly although');
}

/** The client and upstream formats of a scenario id `<client>--<upstream>/<name>`. */
export function scenarioFormats(id: string): { client: FormatId | undefined; upstream: FormatId | undefined } {
  const [pair = ''] = id.split('/');
  const [client, upstream] = pair.split('--');
  return {
    client: client && isFormatId(client) ? client : undefined,
    upstream: upstream && isFormatId(upstream) ? upstream : undefined,
  };
}

interface Signature {
  key: string;
  sentence: string;
  detail: string;
}

const normPath = (p: string) => p.replace(/\[\d+\]/g, '[]');
/** A message with its numbers and quoted values blurred, so the same problem in two scenarios reads the same. */
const normText = (s: string) => s.replace(/\d+/g, 'N').replace(/"[^"]{24,}"/g, '"…"');

function scalar(v: unknown): boolean {
  return typeof v === 'boolean' || (typeof v === 'string' && v.length <= 40);
}

/** The HTTP status a failed check saw, read from its message (`HTTP 500: …`, `no stream (status 500)`, `got 500 (`). */
function statusIn(message: string): number | undefined {
  const m = /^HTTP (\d{3}):|no stream \(status (\d{3})\)|^status: expected 200 \(success\), got (\d{3})/.exec(message);
  const s = m?.[1] ?? m?.[2] ?? m?.[3];
  return s === undefined ? undefined : Number(s);
}

function statusSignature(status: number, detail: string): Signature {
  return { key: `status|${status}`, sentence: `answers HTTP ${status} where a success is expected`, detail };
}

/** What kind of list element a value is, in words (`a tool_use block`, `a functionCall part`). */
function elementKind(v: unknown): string {
  if (!isRecord(v)) {
    const text = JSON.stringify(v);
    return `the value ${text.length > 48 ? `${text.slice(0, 45)}…` : text}`;
  }
  if (typeof v.type === 'string') return `a ${v.type} element`;
  const keys = Object.keys(v).filter((k) => k !== 'thoughtSignature' && k !== 'thought');
  return keys.length ? `a ${keys.join('+')} element` : 'an empty element';
}

function entrySignature(scope: string, subject: string, d: DiffEntry): Signature {
  const path = normPath(d.path);
  const detail = `${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`;
  if (/\[\d+\]$/.test(d.path) && (d.expected === undefined) !== (d.actual === undefined)) {
    // a whole list element inserted or dropped (lists are aligned by element kind)
    if (d.actual === undefined)
      return {
        key: `${scope}|${path}|missing|${elementKind(d.expected)}`,
        sentence: `${subject} lack ${elementKind(d.expected)} in \`${path}\``,
        detail,
      };
    return {
      key: `${scope}|${path}|extra|${elementKind(d.actual)}`,
      sentence: `${subject} carry ${elementKind(d.actual)} in \`${path}\` that the reference has not`,
      detail,
    };
  }
  if (d.actual === undefined)
    return { key: `${scope}|${path}|missing`, sentence: `${subject} lack \`${path}\``, detail };
  if (d.expected === undefined)
    return {
      key: `${scope}|${path}|extra`,
      sentence: `${subject} carry \`${path}\` where the reference has none`,
      detail,
    };
  if (scalar(d.expected) && scalar(d.actual)) {
    return {
      key: `${scope}|${path}|${show(d.expected)}|${show(d.actual)}`,
      sentence: `${subject} have \`${path}\` ${show(d.actual)} where ${show(d.expected)} is expected`,
      detail,
    };
  }
  return { key: `${scope}|${path}|differs`, sentence: `${subject} have a different \`${path}\``, detail };
}

const STREAM_ENDS: Record<string, string> = {
  'error>complete': 'a stream that fails upstream ends as a success for the client',
  'error>error, then a clean end': 'a stream that fails upstream gets its error event, then a clean end',
  'error>cut short': "a stream that fails upstream stops without the client's error event",
  'complete>cut short': 'a stream stops before its end',
  'complete>error': 'a stream that succeeds upstream ends in an error',
};

function streamSignature(client: string, d: DiffEntry): Signature {
  if (d.path === 'end') {
    const sentence =
      STREAM_ENDS[`${String(d.expected)}>${String(d.actual)}`] ??
      `a stream ends ${show(d.actual)} where ${show(d.expected)} is expected`;
    return {
      key: `end|${String(d.expected)}|${String(d.actual)}`,
      sentence,
      detail: `end: expected ${show(d.expected)}, got ${show(d.actual)}`,
    };
  }
  if (d.path === 'error')
    return {
      key: `stream-error|${client}`,
      sentence: `${formatName(client)} stream error events carry a different error type`,
      detail: `error: expected ${show(d.expected)}, got ${show(d.actual)}`,
    };
  const { scope, name } = bodyScope(client);
  return entrySignature(`answer|${scope}`, `${name} answers`, { ...d, path: d.path.replace(/^message\./, '') });
}

function errorSignature(client: string, d: DiffEntry): Signature {
  const C = formatName(client);
  const detail = `${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`;
  switch (d.path) {
    case 'status':
      return {
        key: `error-status|${String(d.expected)}|${String(d.actual)}`,
        sentence: `an upstream error that means ${String(d.expected)} reaches the client as ${String(d.actual)}`,
        detail,
      };
    case 'body':
      return {
        key: `error-body|${client}`,
        sentence: `error answers to ${C} clients are not in ${C}'s error shape`,
        detail,
      };
    case 'message':
      return {
        key: `error-message|${client}`,
        sentence: `error answers to ${C} clients carry no error message`,
        detail,
      };
    case 'type':
      return {
        key: `error-type|${client}|${String(d.expected)}|${String(d.actual)}`,
        sentence: `${C} errors of type ${show(d.expected)} reach the client as ${show(d.actual)}`,
        detail,
      };
    default:
      return entrySignature(`error|${client}`, `error answers to ${C} clients`, d);
  }
}

/** Problem lines `path: message` (spec and rule checks) as signatures. */
function problemSignature(scope: string, subject: string, line: string): Signature {
  const i = line.indexOf(': ');
  const path = i > 0 ? normPath(line.slice(0, i)) : '';
  const message = i > 0 ? line.slice(i + 2) : line;
  return {
    key: `${scope}|${path}|${normText(message)}`,
    sentence: `${subject}${path ? ` at \`${path}\`` : ''}: ${normText(message).replace(/\bN\b/g, '…')}`,
    detail: line,
  };
}

/** The differences of a comparison check, as its message lists them (a check may have let some through). */
function entriesOf(c: CaseResult): DiffEntry[] {
  const listed = new Set(c.message.split('\n').map((l) => l.slice(0, Math.max(0, l.indexOf(': expected ')))));
  // the meaning level aligns lists, the exact level does not: whichever gives the listed paths
  for (const align of [true, false]) {
    const entries = jsonDiffEntries(c.expected, c.actual, { limit: 20, align }).filter((d) => listed.has(d.path));
    if (entries.length > 0) return entries.slice(0, 8);
  }
  return [];
}

function caseSignatures(c: CaseResult, client: string, upstream: string): Signature[] {
  const lines = c.message.split('\n').filter((l) => l !== '');
  const first = lines[0] ?? '';
  const status = statusIn(first);
  if (status !== undefined) return [statusSignature(status, first)];
  if (first.startsWith('exchange failed'))
    return [
      {
        key: `exchange|${normText(first)}`,
        sentence: `the exchange fails: ${first.replace(/^exchange failed: /, '')}`,
        detail: first,
      },
    ];
  const P = formatName(upstream);
  switch (c.aspect) {
    case 'request': {
      if (first === 'the upstream received no request')
        return [{ key: `no-request`, sentence: 'answers without calling the provider', detail: first }];
      if (!isRecord(c.expected) && !isRecord(c.actual))
        return [{ key: `request|${normText(first)}`, sentence: first, detail: first }];
      const entries = entriesOf(c);
      if (entries.length === 0)
        return [{ key: `request|${normText(first)}`, sentence: normText(first), detail: first }];
      const { scope, name } = bodyScope(c.comparedAs ?? upstream);
      return entries.map((d) => entrySignature(`request|${scope}`, `${name} requests`, d));
    }
    case 'upstream-request-valid':
      if (first === 'the upstream received no request')
        return [{ key: `no-request`, sentence: 'answers without calling the provider', detail: first }];
      return lines.slice(0, 8).map((l) =>
        l.startsWith('request went to ')
          ? {
              key: `endpoint|${upstream}|${normText(l.replace(/ \(.*$/, ''))}`,
              sentence: `calls the wrong endpoint for ${P}`,
              detail: l,
            }
          : problemSignature(`rejected|${upstream}`, `${P} rejects the request`, l),
      );
    case 'client-response-valid':
      return lines
        .slice(0, 8)
        .map((l) =>
          problemSignature(`invalid|${client}`, `${formatName(client)} answers fail the ${formatName(client)} spec`, l),
        );
    case 'stream-grammar':
      return lines.slice(0, 8).map((l) => {
        const m = /^(\S+) at event \d+: (.*)$/.exec(l);
        if (l.startsWith('the stream must end with')) {
          return {
            key: `grammar|${client}|error-end`,
            sentence: `${formatName(client)} streams that fail upstream do not end with the client's error event`,
            detail: l,
          };
        }
        if (l.startsWith('the stream ends cleanly although')) {
          return {
            key: `grammar|${client}|clean-end`,
            sentence: `${formatName(client)} streams that fail upstream end cleanly`,
            detail: l,
          };
        }
        if (!m)
          return problemSignature(`grammar|${client}`, `${formatName(client)} streams break the stream grammar`, l);
        return {
          key: `grammar|${client}|${m[1]}`,
          sentence: `${formatName(client)} streams break the stream grammar (${m[1]}): ${normText(m[2] ?? '').replace(/\bN\b/g, '…')}`,
          detail: l,
        };
      });
    case 'stream': {
      if (first.startsWith('first difference at byte'))
        return [
          {
            key: `bytes|${client}`,
            sentence: `${formatName(client)} streams differ from the reference byte for byte`,
            detail: lines.join('\n'),
          },
        ];
      let entries = entriesOf(c);
      // a wrong ending says it all: the error type of an ending that is not there is not another finding
      if (entries.some((d) => d.path === 'end')) entries = entries.filter((d) => d.path !== 'error');
      return entries.length
        ? entries.map((d) => streamSignature(client, d))
        : [{ key: `stream|${normText(first)}`, sentence: first, detail: first }];
    }
    case 'response': {
      const { scope, name } = bodyScope(client);
      const entries = entriesOf(c);
      return entries.map((d) =>
        entrySignature(`answer|${scope}`, `${name} answers`, { ...d, path: d.path.replace(/^body\./, '') }),
      );
    }
    case 'error': {
      let entries = entriesOf(c);
      // a body not in the client's error shape has no type or message of its own to compare
      if (entries.some((d) => d.path === 'body'))
        entries = entries.filter((d) => d.path !== 'type' && d.path !== 'message');
      return entries.map((d) => errorSignature(client, d));
    }
    default:
      return lines
        .slice(0, 8)
        .map((l) => ({ key: `${c.aspect}|${normText(l)}`, sentence: `${c.aspect}: ${l}`, detail: l }));
  }
}

/** The HTTP statuses of a scenario's failed checks, when they say an error was answered where a success was due. */
function errorStatusOf(cases: readonly CaseResult[]): number | undefined {
  for (const c of cases) {
    const s = statusIn(c.message.split('\n')[0] ?? '');
    if (s !== undefined) return s;
  }
  return undefined;
}

export function deriveFindings(results: readonly CaseResult[]): Finding[] {
  const byScenario = new Map<string, CaseResult[]>();
  for (const r of results) {
    if (r.status !== 'fail') continue;
    const list = byScenario.get(r.scenario) ?? [];
    list.push(r);
    byScenario.set(r.scenario, list);
  }
  const groups = new Map<
    string,
    { sentence: string; routes: Set<string>; scenarios: Set<string>; checks: Set<string>; example: Finding['example'] }
  >();
  const add = (sig: Signature, c: CaseResult) => {
    let g = groups.get(sig.key);
    if (!g) {
      g = {
        sentence: sig.sentence,
        routes: new Set(),
        scenarios: new Set(),
        checks: new Set(),
        example: { scenario: c.scenario, check: c.aspect, detail: sig.detail },
      };
      groups.set(sig.key, g);
    }
    g.routes.add(columnOf(c));
    g.scenarios.add(c.scenario);
    g.checks.add(c.aspect);
  };
  for (const [id, cases] of byScenario) {
    const { client, upstream } = scenarioFormats(id);
    const noCall = cases.some(
      (c) =>
        (c.aspect === 'request' || c.aspect === 'upstream-request-valid') &&
        c.message.startsWith('the upstream received no request'),
    );
    const status = errorStatusOf(cases);
    if (noCall) {
      // one fact: the gateway answered on its own, and every failed check of the scenario shows it
      const sig =
        status !== undefined
          ? {
              key: `no-call|${status}`,
              sentence: `answers HTTP ${status} without calling the provider`,
              detail: cases[0]!.message.split('\n')[0] ?? '',
            }
          : {
              key: 'no-call|answer',
              sentence: 'answers by itself without calling the provider',
              detail: cases[0]!.message.split('\n')[0] ?? '',
            };
      for (const c of cases) add(sig, c);
      continue;
    }
    const streamCase = cases.find((c) => c.aspect === 'stream');
    const endSig = streamCase
      ? caseSignatures(streamCase, client ?? streamCase.client, upstream ?? streamCase.provider).find((x) =>
          x.key.startsWith('end|'),
        )
      : undefined;
    for (const c of cases) {
      const seen = new Set<string>();
      const lines =
        c.aspect === 'stream-grammar' && endSig
          ? c.message.split('\n').filter((l) => l !== '' && !isEndingLine(l))
          : undefined;
      const sigs =
        lines === undefined
          ? caseSignatures(c, client ?? c.client, upstream ?? c.provider)
          : caseSignatures({ ...c, message: lines.join('\n') }, client ?? c.client, upstream ?? c.provider);
      if (lines !== undefined && lines.length !== c.message.split('\n').filter((l) => l !== '').length)
        sigs.push(endSig!);
      for (const sig of lines !== undefined && lines.length === 0 ? [endSig!] : sigs) {
        if (seen.has(sig.key)) continue;
        seen.add(sig.key);
        add(sig, c);
      }
    }
  }
  const findings = [...groups.values()].map((g) => ({
    sentence: g.sentence,
    routes: [...g.routes].sort(),
    scenarios: [...g.scenarios].sort(),
    checks: [...g.checks].sort(),
    example: g.example,
  }));
  return mergeSameEvidence(findings).sort(
    (a, b) =>
      b.routes.length - a.routes.length ||
      b.scenarios.length - a.scenarios.length ||
      a.sentence.localeCompare(b.sentence),
  );
}

/**
 * Differences seen in exactly the same scenarios and checks are one defect seen from several sides (parallel tool
 * calls merged into one show as a wrong name, a missing argument and unparsable arguments): one finding, led by the
 * first sentence, the others kept as `also`.
 */
function mergeSameEvidence(findings: Finding[]): Finding[] {
  const by = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.scenarios.join(',')}|${f.checks.join(',')}`;
    const prev = by.get(key);
    if (!prev) by.set(key, { ...f });
    else prev.also = [...(prev.also ?? []), f.sentence];
  }
  return [...by.values()];
}
