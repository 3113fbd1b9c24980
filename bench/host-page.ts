import { launch, startPageServer } from './browser.js';
import { articlePage, type Placement } from './host-article.js';
import { type HostScenarioResult, measureHostScenarios } from './host-chromium.js';
import { type LighthouseResult, lighthouseMedians } from './lighthouse.js';
import type { Budget } from './report.js';
import { threadUrl } from './seed.js';
import { threadPath } from './throughput.js';

/**
 * What the widget costs the publisher's page: the same article without it, with the script tag, and with
 * the server-rendered fragment, through Lighthouse's mobile preset and through a 4×-throttled Chromium.
 */

/** Thread sizes the section needs seeded (the bench's `threadUrl(n)` threads). */
export const HOST_PAGE_SIZES = [50, 500] as const;

export type Variant = 'none' | 'script' | 'ssr' | 'ssr-own-origin';

export interface LighthouseRow {
  variant: Variant;
  label: string;
  result: LighthouseResult | { unavailable: string };
}

export type ScenarioRow = HostScenarioResult | { name: string; unavailable: string };

export interface HostPageResult {
  date: string;
  commit: string;
  /** Load average when the section started: the machine is shared, and Lighthouse's numbers move with it. */
  load: string;
  /** Wall-clock time of the whole section. */
  seconds: number;
  runs: number;
  /** Comments on the first page of each thread, as the JSON API returns it. */
  shown: Record<number, number>;
  /** Why there is no server-rendered page, when there is none. */
  fragmentUnavailable: string | null;
  lighthouse: LighthouseRow[];
  scenarios: ScenarioRow[];
}

export interface HostPageOptions {
  confab: string;
  tmpDir: string;
  /** Lighthouse runs of each page, and 4×-throttled views of each scenario. */
  runs: number;
  commit: string;
  load: string;
  log: (msg: string) => void;
}

/** The script-tag widget exactly as README's snippet gives it, with the space it reserves at first paint. */
const widgetTag = (size: number) =>
  `      <confab-comments page="${threadUrl(size)}" style="display: block; min-height: 100vh"></confab-comments>`;

async function firstPageCount(confab: string, size: number): Promise<number> {
  const res = await fetch(`${confab}${threadPath(threadUrl(size))}`);
  if (!res.ok) throw new Error(`GET thread of ${size} answered ${res.status}`);
  return ((await res.json()) as { comments: unknown[] }).comments.length;
}

/** The fragment a publisher's backend would include, or why there is none (the route answers 404 until it exists). */
async function fragment(confab: string, size: number): Promise<string | { unavailable: string }> {
  const path = `/api/threads/html?${new URLSearchParams({ url: threadUrl(size) })}`;
  const res = await fetch(`${confab}${path}`);
  const body = await res.text();
  if (res.ok) return body;
  return { unavailable: `\`GET ${path.split('?')[0]}\` answered ${res.status}` };
}

export async function measureHostPage(o: HostPageOptions): Promise<HostPageResult> {
  const started = performance.now();
  const shown: Record<number, number> = {};
  for (const n of HOST_PAGE_SIZES) shown[n] = await firstPageCount(o.confab, n);
  const frag = await fragment(o.confab, 50);
  const script = `${o.confab}/embed.js`;
  const pages = new Map<string, string>([
    ['/article', articlePage({ placement: 'in-text', widget: null, script: null })],
    ['/article/script', articlePage({ placement: 'in-text', widget: widgetTag(50), script })],
    ['/article/script/end', articlePage({ placement: 'end', widget: widgetTag(50), script })],
    ['/article/script/500', articlePage({ placement: 'in-text', widget: widgetTag(500), script })],
  ]);
  const unavailable = typeof frag === 'string' ? null : frag.unavailable;
  // README's server-side include puts Confab behind the publisher's own origin, at /comments/: with
  // CONFAB_PUBLIC_URL set to that address, the fragment's script and the widget's requests go there too.
  const { origin, server } = await startPageServer(pages, { prefix: '/comments/', to: o.confab });
  if (typeof frag === 'string') {
    // The fragment may bring its own script tag; otherwise the page loads embed.js to hydrate it.
    const own = /<script[^>]+src="?https?:[^"> ]*\/embed\.js/.test(frag);
    const publicUrl = / server="([^"]+)"/.exec(frag)?.[1];
    if (!publicUrl) throw new Error('the fragment names no server');
    const behindPage = `${origin}/comments`;
    const fragmentPage = (placement: Placement, widget: string, from: string) =>
      articlePage({ placement, widget, script: own ? null : `${from}/embed.js` });
    pages.set('/article/ssr', fragmentPage('in-text', frag, o.confab));
    pages.set('/article/ssr/end', fragmentPage('end', frag, o.confab));
    pages.set(
      '/article/ssr/own-origin',
      fragmentPage('in-text', frag.replaceAll(publicUrl, behindPage), behindPage),
    );
  }
  // Every core: the server only answers a few requests here, and the page's work is what is measured.
  const browser = await launch(o.tmpDir, false);
  try {
    const at = (path: string) => `${origin}${path}`;
    const lhPages: { variant: Variant; label: string; path: string }[] = [
      { variant: 'none', label: 'article without comments', path: '/article' },
      { variant: 'script', label: 'with the script-tag widget', path: '/article/script' },
      { variant: 'ssr', label: 'with the server-rendered fragment', path: '/article/ssr' },
      {
        variant: 'ssr-own-origin',
        label: 'with the fragment, Confab behind the page’s origin',
        path: '/article/ssr/own-origin',
      },
    ];
    const measured = lhPages.filter((p) => !p.variant.startsWith('ssr') || !unavailable);
    o.log(`Lighthouse (mobile, performance): ${measured.length} pages, ${o.runs} runs each`);
    const lh = await lighthouseMedians(
      browser,
      measured.map((p) => at(p.path)),
      o.runs,
      o.log,
    );
    const lighthouse: LighthouseRow[] = lhPages.map((p) => {
      const k = measured.indexOf(p);
      return {
        variant: p.variant,
        label: p.label,
        result: k < 0 ? { unavailable: unavailable! } : lh[k]!,
      };
    });

    const scenarios = [
      {
        name: 'script tag, widget in view at load, 50 comments',
        url: at('/article/script'),
        size: 50,
        expected: shown[50]!,
        scroll: false,
        lazy: true,
      },
      {
        name: 'script tag, widget below the fold, scroll down to it, 50 comments',
        url: at('/article/script/end'),
        size: 50,
        expected: shown[50]!,
        scroll: true,
        lazy: true,
      },
      {
        name: 'script tag, widget in view at load, 500 comments',
        url: at('/article/script/500'),
        size: 500,
        expected: shown[500]!,
        scroll: false,
        lazy: true,
      },
      {
        name: 'server-rendered fragment, in view at load, 50 comments',
        url: at('/article/ssr'),
        size: 50,
        expected: shown[50]!,
        scroll: false,
        lazy: false,
      },
      {
        name: 'server-rendered fragment, below the fold, scroll down to it, 50 comments',
        url: at('/article/ssr/end'),
        size: 50,
        expected: shown[50]!,
        scroll: true,
        lazy: false,
      },
      // What the page costs by itself, for the columns above to be read against.
      {
        name: 'article alone, no comments',
        url: at('/article'),
        size: 0,
        expected: 0,
        scroll: false,
        lazy: false,
      },
    ];
    const runnable = scenarios.filter((s) => !unavailable || !s.url.includes('/ssr'));
    o.log(`Chromium at 4× CPU: ${runnable.length} scenarios, ${o.runs} views each`);
    const results = await measureHostScenarios(browser, runnable, o.confab, o.runs, o.log);
    return {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      commit: o.commit,
      load: o.load,
      seconds: (performance.now() - started) / 1000,
      runs: o.runs,
      shown,
      fragmentUnavailable: unavailable,
      lighthouse,
      scenarios: scenarios.map(
        (s) => results.find((r) => r.url === s.url) ?? { name: s.name, unavailable: unavailable! },
      ),
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const measuredScenarios = (r: HostPageResult) =>
  r.scenarios.filter((s): s is HostScenarioResult => !('unavailable' in s));
const cls = (n: number) => n.toFixed(3);
/** "0.00" as CLS is reported: to two decimals. */
const noShift = (n: number) => n < 0.005;

export function hostPageBudgets(r: HostPageResult): Budget[] {
  const lh = (v: Variant) => r.lighthouse.find((l) => l.variant === v)!.result;
  const bare = lh('none');
  const scoreBudget = (v: Variant, label: string): Budget => {
    const w = lh(v);
    const name = `host page: Lighthouse score, ${label} = article alone`;
    const limit = 'equal, both ≥ 99';
    if ('unavailable' in w || 'unavailable' in bare)
      return { name, limit, measured: `not available: ${r.fragmentUnavailable}`, pass: false };
    return {
      name,
      limit,
      measured: `${w.score} vs ${bare.score}`,
      pass: w.score === bare.score && w.score >= 99 && bare.score >= 99,
    };
  };
  const scenarios = measuredScenarios(r);
  const lhShifts = r.lighthouse.flatMap((l) =>
    l.variant === 'none' || 'unavailable' in l.result ? [] : [[l.variant, l.result.cls] as const],
  );
  const fifty = scenarios.filter((s) => s.size === 50);
  const big = scenarios.filter((s) => s.size === 500);
  const below = scenarios.filter((s) => s.lazy && s.beforeScroll);
  return [
    scoreBudget('script', 'script tag'),
    scoreBudget('ssr', 'server-rendered'),
    scoreBudget('ssr-own-origin', 'server-rendered behind the page’s origin'),
    {
      name: 'host page: CLS in every scenario (4× CPU, worst of the runs; Lighthouse, median)',
      limit: '0.00',
      measured: [
        ...scenarios.map((s, i) => `#${i + 1} ${cls(s.cls)}`),
        ...lhShifts.map(([v, n]) => `Lighthouse ${v} ${cls(n)}`),
      ].join(', '),
      pass: scenarios.every((s) => noShift(s.cls)) && lhShifts.every(([, n]) => noShift(n)),
    },
    {
      name: 'host page: TBT at 4× CPU, 50 comments (median)',
      limit: '≤ 50 ms',
      measured: fifty.map((s) => `${s.tbtMs.toFixed(0)} ms`).join(', '),
      pass: fifty.every((s) => s.tbtMs <= 50),
    },
    {
      name: 'host page: longest task at 4× CPU from first contentful paint, 500 comments (worst of the runs)',
      limit: '≤ 50 ms',
      measured: big.map((s) => `${s.longestTaskMs.toFixed(0)} ms`).join(', '),
      pass: big.every((s) => s.longestTaskMs <= 50),
    },
    {
      name: 'host page: requests to Confab before the reader nears a below-the-fold script-tag widget',
      limit: '0 (embed.js aside)',
      measured: below
        .map((s) => `${s.beforeScroll!.widget} (+ ${s.beforeScroll!.embed} embed.js)`)
        .join(', '),
      pass: below.every((s) => s.beforeScroll!.widget === 0),
    },
  ];
}
