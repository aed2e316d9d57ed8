import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConformanceReport } from './report-model.js';
import { renderHtml } from './write-html.js';
import { renderJUnit } from './write-junit.js';

export interface ReportPaths {
  json: string;
  junit: string;
  html: string;
}

/** Write `report.json`, `junit.xml` and `report.html` into `dir` (created if missing). */
export function writeReports(report: ConformanceReport, dir: string): ReportPaths {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const paths = { json: join(out, 'report.json'), junit: join(out, 'junit.xml'), html: join(out, 'report.html') };
  writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(paths.junit, renderJUnit(report));
  writeFileSync(paths.html, renderHtml(report));
  return paths;
}
