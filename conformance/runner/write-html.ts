import { cellLabel, cellState, summaryLine } from './format-matrix.js';
import { diffText, lineDiff } from './line-diff.js';
import { type CaseStatus, type ConformanceReport, columnOf, rowsOf } from './report-model.js';

/** What the page script gets for one case. Failing cases carry request, expected, actual and the line diff. */
interface PageCase {
  scenario: string;
  aspect: string;
  status: CaseStatus;
  message: string;
  /** comparison checks judged by meaning: byte-identical to the reference too */
  identical?: boolean;
  row: string[];
  col: string;
  request?: string;
  diff?: [string, string][];
}

const MAX_TEXT = 200_000;

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}\n… (${s.length - MAX_TEXT} more characters)` : s;
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{font-size:20px;margin:0 0 4px}
.meta{color:#5b6475;margin-bottom:16px}
.summary span{display:inline-block;margin-right:12px;padding:2px 8px;border-radius:10px;font-weight:600}
.s-pass{background:#d9f2df;color:#135c26}.s-fail{background:#fbdcdc;color:#8a1616}.s-skip{background:#e7e9ee;color:#444}.s-not-offered{background:#fbefcc;color:#6b4d00}.s-identical{background:#e3ebfa;color:#1f3b73}
table.matrix{border-collapse:collapse;margin:16px 0;background:#fff}
.matrix th,.matrix td{border:1px solid #d5d9e0;padding:0;text-align:center}
.matrix th{padding:6px 10px;background:#f0f2f6;font-weight:600}
.matrix th.row{text-align:left}
.matrix button{all:unset;background:inherit;color:inherit;box-sizing:border-box;display:block;width:100%;padding:6px 12px;cursor:pointer;font-weight:600;min-width:90px}
.matrix button:focus-visible{outline:2px solid #2456c9}
.c-pass{background:#3fb35d;color:#fff}.c-fail{background:#d9383a;color:#fff}.c-skip{background:#b9bec8;color:#fff}.c-none{color:#aab}
.c-na{background:repeating-linear-gradient(135deg,#f3d27a,#f3d27a 6px,#f7e2a6 6px,#f7e2a6 12px);color:#5a4100}
#findings ol{padding-left:24px}#findings li{margin:6px 0}#findings .where{color:#5b6475;font-size:12px}
#findings details{font-size:12px;color:#5b6475}#findings code{font-size:12px}
.matrix button.c-selected{box-shadow:inset 0 0 0 3px #1d2330}
#details h2{font-size:16px;margin:16px 0 8px}
.case{background:#fff;border:1px solid #d5d9e0;border-radius:6px;margin:8px 0;padding:8px 12px}
.case h3{font-size:14px;margin:0 0 6px}
.badge{font-size:12px;padding:1px 6px;border-radius:8px;margin-left:6px}
.msg{white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#5b1212;margin:4px 0}
pre{margin:4px 0;padding:8px;background:#f5f6f8;border-radius:4px;overflow:auto;max-height:420px;font-size:12px}
.diff div{white-space:pre;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.d-del{background:#fde2e2;color:#8a1616}.d-add{background:#dcf5e1;color:#135c26}
.legend{color:#5b6475;font-size:12px}
`;

const SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var details = document.getElementById('details');
  function el(tag, cls, text){ var e=document.createElement(tag); if(cls) e.className=cls; if(text!==undefined) e.textContent=text; return e; }
  function show(row, col, button){
    var prev = document.querySelector('.c-selected'); if (prev) prev.classList.remove('c-selected');
    if (button) button.classList.add('c-selected');
    details.textContent = '';
    var cases = data.cases.filter(function(c){ return c.col===col && c.row.indexOf(row)!==-1; });
    cases.sort(function(a,b){ var o={fail:0,'not-offered':1,skip:2,pass:3}; return o[a.status]-o[b.status]; });
    details.appendChild(el('h2', null, row + ' \\u00b7 ' + col + ' (' + cases.length + ' checks)'));
    cases.forEach(function(c){
      var box = el('div', 'case case-' + c.status);
      var h = el('h3', null, c.scenario + ' ');
      h.appendChild(el('code', null, c.aspect));
      h.appendChild(el('span', 'badge s-' + c.status, c.status));
      if (c.identical === true) h.appendChild(el('span', 'badge s-identical', 'byte-identical'));
      box.appendChild(h);
      if (c.message) box.appendChild(el('div', 'msg', c.message));
      if (c.request !== undefined) {
        var d1 = el('details'); d1.appendChild(el('summary', null, 'request sent')); d1.appendChild(el('pre', null, c.request)); box.appendChild(d1);
      }
      if (c.diff) {
        box.appendChild(el('div', 'legend', '- expected  + actual'));
        var diff = el('div', 'diff');
        c.diff.forEach(function(l){ diff.appendChild(el('div', l[0]==='-'?'d-del':l[0]==='+'?'d-add':'', l[0] + ' ' + l[1])); });
        box.appendChild(diff);
      }
      details.appendChild(box);
    });
    details.scrollIntoView({block:'nearest'});
  }
  document.querySelectorAll('button[data-row]').forEach(function(b){
    b.addEventListener('click', function(){ show(b.getAttribute('data-row'), b.getAttribute('data-col'), b); });
  });
  var firstFail = document.querySelector('button.c-fail');
  if (location.hash === '#first-failure' && firstFail) firstFail.click();
})();
`;

/** The findings, before the matrix: each distinct defect once, then the routes not offered. */
function renderFindings(report: ConformanceReport): string {
  const items = report.findings
    .map((f) => {
      const where = `${f.routes.length} route${f.routes.length === 1 ? '' : 's'} (${f.routes.join(', ')}), ${f.scenarios.length} scenario${f.scenarios.length === 1 ? '' : 's'}; checks: ${f.checks.join(', ')}`;
      const list = f.scenarios.map((x) => `<code>${htmlEscape(x)}</code>`).join(', ');
      const also = f.also?.length
        ? `<div class="where">also, in the same scenarios: ${f.also.map(htmlEscape).join('; ')}</div>`
        : '';
      return `<li>${htmlEscape(f.sentence)}<div class="where">${htmlEscape(where)}</div>${also}<details><summary>scenarios; e.g. ${htmlEscape(f.example.scenario)} [${htmlEscape(f.example.check)}]: ${htmlEscape(f.example.detail.slice(0, 300))}</summary>${list}</details></li>`;
    })
    .join('\n');
  const head = report.findings.length === 0 ? '<p>No defects found.</p>' : `<ol>${items}</ol>`;
  const unoffered =
    report.notOffered.length === 0
      ? ''
      : `<h2>Not offered (${report.summary.notOffered} scenario${report.summary.notOffered === 1 ? '' : 's'}, one finding each)</h2><ul>${report.notOffered
          .map(
            (n) =>
              `<li><b>${htmlEscape(n.route)}</b>: ${n.scenarios.length} scenario${n.scenarios.length === 1 ? '' : 's'} — ${htmlEscape(n.reason)}</li>`,
          )
          .join('')}</ul>`;
  return `<section id="findings"><h2>Findings (${report.findings.length} distinct defect${report.findings.length === 1 ? '' : 's'}, most routes first)</h2>${head}${unoffered}</section>`;
}

/** A self-contained HTML report: colored feature × provider matrix; clicking a cell shows its checks, failing ones with the request and an expected/actual diff. */
export function renderHtml(report: ConformanceReport): string {
  const { rows, columns, cells } = report.matrix;
  const cases: PageCase[] = report.results.map((r) => {
    const c: PageCase = {
      scenario: r.scenario,
      aspect: r.aspect,
      status: r.status,
      message: clip(r.message),
      row: rowsOf(r),
      col: columnOf(r),
    };
    if (r.identical !== undefined) c.identical = r.identical;
    if (r.status === 'fail') {
      if (r.request !== undefined) c.request = clip(diffText(r.request));
      c.diff = lineDiff(clip(diffText(r.expected)), clip(diffText(r.actual))).map((l) => [l.op, l.text]);
    }
    return c;
  });
  const head = columns.map((c) => `<th>${htmlEscape(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const tds = columns
        .map((col) => {
          const cell = cells[row]?.[col];
          if (!cell) return '<td class="c-none">·</td>';
          const cls = { defect: 'c-fail', pass: 'c-pass', 'not-offered': 'c-na', skip: 'c-skip', none: 'c-none' }[
            cellState(cell)
          ];
          const title = `${cell.pass} passed, ${cell.fail} failed, ${cell.skip} skipped, ${cell.notOffered} scenarios not offered`;
          return `<td class="${cls}"><button class="${cls}" data-row="${htmlEscape(row)}" data-col="${htmlEscape(col)}" title="${title}">${htmlEscape(cellLabel(cell))}</button></td>`;
        })
        .join('');
      return `<tr><th class="row">${htmlEscape(row)}</th>${tds}</tr>`;
    })
    .join('\n');
  const s = report.summary;
  const m = report.meta;
  const identical =
    m.compare === 'meaning' && s.identical.compared > 0
      ? `<span class="s-identical">${s.identical.identical} of ${s.identical.compared} comparisons byte-identical to the reference</span>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>crosswire conformance: ${s.failed === 0 ? 'all passed' : `${s.failed} failed`}</title>
<style>${CSS}</style></head>
<body>
<h1>crosswire conformance</h1>
<div class="meta">target: ${htmlEscape(m.target)} · upstream: ${m.upstream}${m.compare ? ` · compared by ${m.compare}` : ''} · ${htmlEscape(m.startedAt)} · ${(m.durationMs / 1000).toFixed(1)} s</div>
<div class="summary"><span class="s-pass">${s.passed} passed</span><span class="s-fail">${s.failed} failed (${s.defects} distinct defect${s.defects === 1 ? '' : 's'})</span><span class="s-not-offered">${s.notOffered} scenario${s.notOffered === 1 ? '' : 's'} not offered</span><span class="s-skip">${s.skipped} skipped</span>${identical}</div>
<p class="meta">${htmlEscape(summaryLine(report))}</p>
${renderFindings(report)}
<table class="matrix" id="matrix"><thead><tr><th class="row">feature</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
<p class="legend">Rows: scenario features. Columns: client format → provider (<code>anthropic → openai</code>: an Anthropic Messages client, an OpenAI provider). A cell counts the checks of the scenarios with that feature: green, every check passed; red, some check failed (a defect); striped, the route is not offered (scenarios, one finding each); grey, nothing could be checked. Click a cell for its checks, failing ones with the request and an expected/actual diff.</p>
<section id="details"></section>
<script type="application/json" id="report-data">${scriptJson({ cases })}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
