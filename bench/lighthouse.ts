import lighthouse from 'lighthouse';
import type { Browser } from 'puppeteer-core';
import { median } from './proc.js';

/**
 * Lighthouse 12 (pinned at 12.2.3, the last that runs on Node 20) with its default settings: the mobile
 * preset (a Moto G Power screen, simulated slow 4G and 4× CPU), performance category only. It drives the
 * bench's own Chromium through its debugging port, so nothing downloads a browser.
 */

export interface LighthouseRun {
  /** 0–100. */
  score: number;
  cls: number;
  tbtMs: number;
  lcpMs: number;
  /**
   * Lighthouse's measure of the machine's speed during the run; its 4× CPU assumes a fast desktop (over
   * about 1,000), and a slower or busier machine inflates TBT and lowers the score.
   */
  benchmarkIndex: number;
}

export interface LighthouseResult extends LighthouseRun {
  runs: LighthouseRun[];
}

async function runOnce(browser: Browser, url: string): Promise<LighthouseRun> {
  const port = Number(new URL(browser.wsEndpoint()).port);
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    // A picture of the whole page for the HTML report, which no metric uses: seconds saved a run.
    disableFullPageScreenshot: true,
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (lhr.runtimeError)
    throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    if (value === undefined) throw new Error(`Lighthouse on ${url}: no ${id}`);
    return value;
  };
  return {
    score: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    cls: audit('cumulative-layout-shift'),
    tbtMs: audit('total-blocking-time'),
    lcpMs: audit('largest-contentful-paint'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}

/**
 * `runs` rounds over every page, the pages taking turns so that a noisy moment of the shared machine
 * falls on all of them alike; each page reports the median of its runs, metric by metric.
 */
export async function lighthouseMedians(
  browser: Browser,
  urls: readonly string[],
  runs: number,
  log: (msg: string) => void,
): Promise<LighthouseResult[]> {
  const all = urls.map((): LighthouseRun[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, url] of urls.entries()) {
      const run = await runOnce(browser, url);
      log(
        `  Lighthouse ${new URL(url).pathname}, run ${i + 1} of ${runs}: score ${run.score}, CLS ${run.cls.toFixed(3)}, TBT ${run.tbtMs.toFixed(0)} ms, benchmarkIndex ${run.benchmarkIndex.toFixed(0)}`,
      );
      all[k]!.push(run);
    }
  }
  return all.map((r) => ({
    score: median(r.map((x) => x.score)),
    cls: median(r.map((x) => x.cls)),
    tbtMs: median(r.map((x) => x.tbtMs)),
    lcpMs: median(r.map((x) => x.lcpMs)),
    benchmarkIndex: median(r.map((x) => x.benchmarkIndex)),
    runs: r,
  }));
}
