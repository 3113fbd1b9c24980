import type { HostPageResult } from './host-page.js';
import { type Budget, replaceSection, table } from './report.js';

/** BENCHMARKS.md's "Host page" section, and how `--only host-page` puts a new one into an existing file. */

const HEADING = '## Host page';
/** Budget rows of this section start so, which lets a partial run replace just them. */
const BUDGET_PREFIX = 'host page: ';

const cls = (n: number) => n.toFixed(3);
const msec = (n: number) => `${n.toFixed(0)} ms`;

export function renderHostPage(r: HostPageResult): string {
  const lh = r.lighthouse.map((l) =>
    'unavailable' in l.result
      ? [l.label, `not available: ${l.result.unavailable}`, '', '', '', '', '']
      : [
          l.label,
          String(l.result.score),
          cls(l.result.cls),
          msec(l.result.tbtMs),
          msec(l.result.lcpMs),
          l.result.runs.map((x) => x.score).join(', '),
          l.result.benchmarkIndex.toFixed(0),
        ],
  );
  const scenarios = r.scenarios.map((s, i) =>
    'unavailable' in s
      ? [`${i + 1}. ${s.name}`, `not available: ${s.unavailable}`, '', '', '', '', '', '']
      : [
          `${i + 1}. ${s.name}`,
          `${cls(s.cls)} (${s.runs.map((v) => v.cls.toFixed(3)).join(', ')})`,
          `${msec(s.tbtMs)} (${s.runs.map((v) => v.tbtMs.toFixed(0)).join(', ')})`,
          `${msec(s.longestTaskMs)}`,
          `${msec(s.loadTaskMs)}`,
          s.runs[0]!.screensDown.toFixed(1),
          s.beforeScroll ? `${s.beforeScroll.widget} + ${s.beforeScroll.embed} embed.js` : '—',
          String(Math.round(s.runs.reduce((a, v) => a + v.requests, 0) / s.runs.length)),
        ],
  );
  return `${HEADING}

What Confab costs the page that embeds it. Measured on ${r.date}, commit \`${r.commit}\`, in
${r.seconds.toFixed(0)} s, load average ${r.load} at the start; re-run this section alone with \`npm run bench -- --only host-page\`, which replaces
it (and its budget rows) in BENCHMARKS.md.

The bench serves one article from its own origin, gzipped as a publisher's server sends it (about 900 words, the demo's stylesheet, \`bench/host-article.ts\`)
in versions that differ only in the comments: none; the README's script tag and \`<confab-comments>\`; and
the fragment from \`GET /api/threads/html?url=U\` inlined where the element would be, as a publisher's backend
would include it. The fragment is measured twice: with the Confab server on an origin of its own, and
behind the page's origin at \`/comments/\` (a proxy in the bench's page server, as README's server-side
include has nginx do, the fragment's addresses those \`CONFAB_PUBLIC_URL\` would give there), which spares
the phone a connection to a second origin for embed.js. The comments sit in the middle of the text, after the lead, where a phone sees them at
load; a thread of 50 comments (${r.shown[50]} on its first page) is seeded.

### Lighthouse

Lighthouse 12.2.3 (its mobile preset: a Moto G Power screen, simulated slow 4G and 4× CPU; performance
only) on the bench's Chromium, median of ${r.runs} runs each, the pages taking turns. Lighthouse simulates a phone
by multiplying the CPU time it observes by 4, which assumes a fast desktop: its benchmarkIndex (last column)
is about 1,000 or more on one, and on a slower or busier machine TBT grows and the score drops for every
page alike. Compare the rows with each other, not with other machines. Layout shift is observed, not
simulated, on an unthrottled loopback network: a thread that arrives before the first paint shifts nothing
Lighthouse can see, so its CLS can differ from run to run; the throttled views below see every shift.

${table(['page', 'score', 'CLS', 'TBT', 'LCP', 'scores of the runs', 'benchmarkIndex'], lh)}

### Chromium at 4× CPU

Headless Chromium slowed 4× (CDP \`Emulation.setCPUThrottlingRate\`), a 412×823 phone screen, HTTP cache off,
${r.runs} views per scenario in turns. A view lasts until the page has settled: nothing in flight for 0.7 s (a
live-update stream aside), then no new request, shift or comment between two checks, and every comment of
the first page on screen. CLS is the largest session window of layout shifts (as Lighthouse counts it),
worst view, every shift counted (the bench gives no input; Chromium flags the first 500 ms after the phone
emulation's viewport change as if it had, crbug.com/1302667, and Lighthouse counts those shifts too); TBT sums each long task's time over 50 ms from first contentful paint until settled, median
view; the longest task (PerformanceObserver 'longtask') is the worst of all views, counted in the same
window as TBT, and the longest before first contentful paint beside it: the page's own loading, which the
article alone (the last row) has too, and which comes before a module script such as embed.js runs. "Before the scroll"
counts the requests to the Confab server while the reader is still at the top of a page whose comments
start several screens down (the widget's own requests, and embed.js, the page's script tag, apart; the
budget counts the script-tag widget's, since a server-rendered one loads eagerly by design); then the
reader scrolls down a third of a screen at a time until the comments' top is a third of the way down.
The 500-comment thread shows ${r.shown[500]} comments on its first page.

${table(
  [
    'scenario',
    'CLS (each view)',
    'TBT (each view)',
    'longest task',
    'longest before first paint',
    'comments start (screens down)',
    'before the scroll',
    'requests to Confab',
  ],
  scenarios,
)}`;
}

/** Replaces (or adds) the Host page section and this section's budget rows in an existing BENCHMARKS.md. */
export function spliceHostPage(md: string, section: string, budgets: Budget[]): string {
  const rows = budgets.map(
    (b) => `| ${b.name} | ${b.limit} | ${b.measured} | ${b.pass ? 'PASS' : '**FAIL**'} |`,
  );
  const lines = md.split('\n');
  const kept = lines.filter((l) => !l.startsWith(`| ${BUDGET_PREFIX}`));
  const budgetHead = kept.findIndex((l) => l.startsWith('## Budgets'));
  let end = kept.findIndex((l, i) => budgetHead >= 0 && i > budgetHead && l.startsWith('|'));
  while (end >= 0 && kept[end]?.startsWith('|')) end++;
  if (end < 0) throw new Error('BENCHMARKS.md has no budget table to add the host-page rows to');
  kept.splice(end, 0, ...rows);
  return replaceSection(kept.join('\n'), `${HEADING}\n`, section);
}

/** A file to splice into when there is no BENCHMARKS.md yet. */
export const emptyReport = () =>
  `# Benchmarks\n\n## Budgets\n\n${table(['budget', 'limit', 'measured', 'result'], [])}\n`;
