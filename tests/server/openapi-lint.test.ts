import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'confab-redocly-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the OpenAPI document under Redocly', () => {
  it('passes `redocly lint` with the recommended rules, offline', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, await (await t.call('GET', '/api/openapi.json')).text());
    const out = await run(
      join('node_modules', '.bin', 'redocly'),
      ['lint', '--extends=recommended', '--format=json', file],
      {
        // Redocly reports usage unless told not to; the check itself reads only the local file.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((e: { stdout: string; stderr: string; code: number }) => e);
    const report = JSON.parse(out.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([
      // /healthz answers 200 or 503 and nothing else: it has no 4xx to document.
      'operation-4xx-response #/paths/~1healthz/get/responses',
    ]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);
});
