import type { FormatId } from '../../src/core/formats.js';
import { validateResponse } from '../../src/validate/index.js';
import { defaultChecks } from '../scenarios/default-checks.js';
import type { Scenario } from '../scenarios/load-scenarios.js';
import type { ExchangeOutcome } from '../scenarios/run-scenario.js';
import { createLiveExchange, type ModelRouting } from './live-exchange.js';
import { providerOf } from './presets.js';
import type { CaseResult } from './report-model.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Does the request force a tool call (Anthropic `any`/`tool`, OpenAI `required`/a named function)? */
function forcesTool(format: FormatId, req: Record<string, unknown>): boolean {
  const c = req.tool_choice;
  if (format === 'anthropic-messages') return isObject(c) && (c.type === 'any' || c.type === 'tool');
  return c === 'required' || (isObject(c) && c.type === 'function');
}

function declaredTools(format: FormatId, req: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const t of Array.isArray(req.tools) ? req.tools : []) {
    if (!isObject(t)) continue;
    if (format === 'anthropic-messages' && typeof t.name === 'string') names.add(t.name);
    if (isObject(t.function) && typeof t.function.name === 'string') names.add(t.function.name);
  }
  return names;
}

/** Tool-call semantics of a non-stream response: a forced call is present, names a declared tool, has object arguments. */
export function toolCallProblems(format: FormatId, req: Record<string, unknown>, body: unknown): string[] {
  if (!forcesTool(format, req)) return [];
  const names = declaredTools(format, req);
  const calls: { name: unknown; args: unknown }[] = [];
  if (format === 'anthropic-messages' && isObject(body) && Array.isArray(body.content)) {
    for (const b of body.content) if (isObject(b) && b.type === 'tool_use') calls.push({ name: b.name, args: b.input });
  } else if (isObject(body) && Array.isArray(body.choices)) {
    const msg = isObject(body.choices[0]) ? body.choices[0].message : undefined;
    for (const c of isObject(msg) && Array.isArray(msg.tool_calls) ? msg.tool_calls : []) {
      if (!isObject(c) || !isObject(c.function)) continue;
      let args: unknown;
      try {
        args = typeof c.function.arguments === 'string' ? JSON.parse(c.function.arguments) : undefined;
      } catch {
        args = undefined;
      }
      calls.push({ name: c.function.name, args });
    }
  }
  if (calls.length === 0) return ['tool_choice forces a tool call, but the response has none'];
  const out: string[] = [];
  for (const c of calls) {
    if (typeof c.name !== 'string' || !names.has(c.name))
      out.push(`tool call names an undeclared tool ${JSON.stringify(c.name)}`);
    if (!isObject(c.args)) out.push(`tool call ${String(c.name)} has arguments that are not a JSON object`);
  }
  return out;
}

export interface RealOptions extends ModelRouting {
  gatewayUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  progress?: (line: string) => void;
}

/**
 * Against real providers the content cannot be predicted: for each scenario with a success answer,
 * send the request (non-stream and stream) and check structure only: status 200, the response
 * against the client format's spec, tool-call semantics, and the stream grammar.
 */
export async function runRealChecks(scenarios: readonly Scenario[], o: RealOptions): Promise<CaseResult[]> {
  const exchange = createLiveExchange({ ...o, normalizeIds: false, timeoutMs: o.timeoutMs ?? 120_000 });
  const out: CaseResult[] = [];
  for (const s of scenarios) {
    if (s.upstreamError !== undefined || s.meta.expectStreamError) continue;
    const req = (s.clientRequest ?? {}) as Record<string, unknown>;
    const add = (aspect: string, problems: string[], actual: unknown, t0: number) =>
      out.push({
        scenario: s.id,
        aspect,
        client: s.client,
        provider: providerOf(s.upstream),
        features: s.meta.features,
        status: problems.length === 0 ? 'pass' : 'fail',
        message: problems.join('\n'),
        ...(problems.length ? { request: exchange.lastSent(s.id)?.body, expected: 'a valid response', actual } : {}),
        durationMs: Date.now() - t0,
      });
    const modes = [
      s.upstreamResponse !== undefined || !s.meta.stream ? 'json' : undefined,
      s.upstreamStream !== undefined || s.meta.stream ? 'stream' : undefined,
    ];
    for (const mode of modes) {
      if (!mode) continue;
      const t0 = Date.now();
      let o2: ExchangeOutcome;
      try {
        o2 = await exchange(s, mode === 'json' ? 'json' : 'stream');
      } catch (e) {
        add(`real-${mode}`, [`exchange failed: ${e instanceof Error ? e.message : String(e)}`], undefined, t0);
        continue;
      }
      if (o2.status !== 200) {
        add(`real-${mode}`, [`status ${o2.status}`], o2.body, t0);
        continue;
      }
      if (mode === 'json') {
        const v = validateResponse(s.client, o2.body);
        add(
          'real-response-valid',
          v.errors.map((e) => `${e.path || '<root>'}: ${e.message}`),
          o2.body,
          t0,
        );
        add('real-tool-calls', toolCallProblems(s.client, req, o2.body), o2.body, t0);
      } else {
        const problems = o2.stream
          ? [...(await (defaultChecks.clientStream?.(s.client, o2.stream, false) ?? []))]
          : ['no stream'];
        add('real-stream-grammar', problems, o2.stream ? new TextDecoder().decode(o2.stream) : o2.body, t0);
      }
    }
    o.progress?.(`checked ${s.id}`);
  }
  return out;
}
