/**
 * The profile the bench prints under its summary for every case that misses a target (issue 17: "for a target
 * missed, the profile that shows what limits it"), measured in the same run as the case:
 *
 * - **split**: the case's time cut into its steps (bodies: `JSON.parse` of the input, validation, the translation of
 *   the parsed body, `JSON.stringify` of the translated output), each timed alone by the interleaved harness, as a
 *   share of their sum;
 * - **hot functions**: a V8 CPU profile (node:inspector, in this process) of a loop of the step that is crosswire's
 *   own (the translation), aggregated by self time per function (name + file:line), the top few as a share of the
 *   whole case (the step's share × the function's share of the step's samples).
 */
import { Session } from 'node:inspector/promises';
import { type Contender, compare, formatNs, type HarnessOptions } from './harness.js';
import { frameKey, indexNodes, type Profile } from './profile-summary.js';

export interface SplitPart {
  name: string;
  ns: number;
  /** share of the sum of the parts, 0..1 */
  share: number;
}

export interface HotFunction {
  /** `name file:line` (line 1-based; `(anonymous)` for a nameless function; no file for V8 pseudo-frames) */
  key: string;
  selfUs: number;
  /** self time as a share of the whole case (0..1): the step's share × the function's share of the step */
  ofCase: number;
}

export interface CaseProfile {
  title: string;
  misses: string[];
  split: SplitPart[];
  /** steps timed beside the case but not part of it (validation), each with its time as a share of the case */
  extras: SplitPart[];
  /** the step the functions are from */
  step: string;
  samples: number;
  functions: HotFunction[];
}

/**
 * Self time per function (name + file:line) over a profile's samples, most first. Left out: `(idle)`, `(root)`, and
 * the profiler's own work (a sample with `node:inspector` on its stack: starting and stopping the profile).
 * `totalUs` is the time of every sample kept (the denominator of the shares).
 */
export function selfTimes(profile: Profile): { totalUs: number; samples: number; functions: Map<string, number> } {
  const { byId, parent } = indexNodes(profile);
  /** whether a node has `node:inspector` on its stack, worked out once per node */
  const underInspector = new Map<number, boolean>();
  const inspector = (id: number): boolean => {
    let known = underInspector.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)?.callFrame.url.startsWith('node:inspector') === true || (up !== undefined && inspector(up));
      underInspector.set(id, known);
    }
    return known;
  };
  const functions = new Map<string, number>();
  let totalUs = 0;
  let samples = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(root)' || inspector(id)) continue;
    const dt = profile.timeDeltas[i] ?? 0;
    const key = frameKey(frame);
    functions.set(key, (functions.get(key) ?? 0) + dt);
    totalUs += dt;
    samples++;
  }
  return { totalUs, samples, functions: new Map([...functions].sort((a, b) => b[1] - a[1])) };
}

/** The top `n` functions of a step's profile, each as a share of the whole case (`stepShare` = the step's share). */
export function topFunctions(profile: Profile, stepShare: number, n: number): { samples: number; top: HotFunction[] } {
  const { totalUs, samples, functions } = selfTimes(profile);
  const top: HotFunction[] = [];
  for (const [key, us] of functions) {
    if (top.length >= n) break;
    top.push({ key, selfUs: us, ofCase: totalUs > 0 ? (stepShare * us) / totalUs : 0 });
  }
  return { samples, top };
}

/** The split of a case from the measured times of its parts; `extras` are shares of the same sum, outside it. */
export function splitOf(
  parts: { name: string; ns: number }[],
  extras: { name: string; ns: number }[] = [],
): { split: SplitPart[]; extras: SplitPart[] } {
  const sum = parts.reduce((s, p) => s + p.ns, 0);
  const share = (p: { name: string; ns: number }) => ({ name: p.name, ns: p.ns, share: sum > 0 ? p.ns / sum : 0 });
  return { split: parts.map(share), extras: extras.map(share) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** A case's profile as markdown, for under the summary table. */
export function formatCaseProfile(p: CaseProfile): string {
  const lines = [`#### ${p.title}`, '', `misses: ${p.misses.join('; ')}`, ''];
  lines.push(
    `split (each step timed alone, share of their sum): ${p.split.map((s) => `${s.name} ${formatNs(s.ns)} (${pct(s.share)})`).join(' · ')}`,
    '',
  );
  for (const e of p.extras)
    lines.push(`beside the case: ${e.name} ${formatNs(e.ns)} (${pct(e.share)} of the case)`, '');
  lines.push(`top self time in ${p.step} (V8 CPU profile, ${p.samples} samples; % of the whole case):`, '');
  for (const f of p.functions) lines.push(`- ${pct(f.ofCase).padStart(6)}  \`${f.key}\``);
  return lines.join('\n');
}

/** A V8 CPU profile of `run` called in a loop for about `ms` milliseconds, sampled every `intervalUs`. */
export async function cpuProfile(run: () => unknown, ms: number, intervalUs = 100): Promise<Profile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    const t0 = performance.now();
    while (performance.now() - t0 < ms) {
      for (let i = 0; i < 16; i++) {
        const r = run();
        if (r instanceof Promise) await r;
      }
    }
    const { profile } = await session.post('Profiler.stop');
    await session.post('Profiler.disable');
    return profile as Profile;
  } finally {
    session.disconnect();
  }
}

export interface ProfileSpec {
  title: string;
  misses: string[];
  /** the steps of the case, each a contender of its own (timed interleaved, like the case) */
  parts: Contender[];
  /** steps timed with the parts but outside the case (validation), shown as a share of it */
  extras?: Contender[];
  /** the step to profile (crosswire's own work): an index in `parts`, or in `extras` counted after the parts */
  hot: number;
}

/** Time the parts of a case, profile its hot step, and return the profile to print. */
export async function profileCase(
  spec: ProfileSpec,
  opts: HarnessOptions & { profileMs: number; top: number },
): Promise<CaseProfile> {
  const all = [...spec.parts, ...(spec.extras ?? [])];
  const ms = (await compare(all, opts)).map((m) => ({ name: m.name, ns: m.medianNs }));
  const { split, extras } = splitOf(ms.slice(0, spec.parts.length), ms.slice(spec.parts.length));
  const hot = all[spec.hot]!;
  const profile = await cpuProfile(hot.run, opts.profileMs);
  const { samples, top } = topFunctions(profile, [...split, ...extras][spec.hot]!.share, opts.top);
  return { title: spec.title, misses: spec.misses, split, extras, step: hot.name, samples, functions: top };
}
