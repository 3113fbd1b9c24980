#!/usr/bin/env node
/**
 * `node tests/lanes.mjs a,b c`: runs npm scripts in lanes side by side, each lane's scripts one after
 * another (a then b, beside c), and fails if any script does. npm test uses it because its parts wait on
 * different things (the type-checker on one core, the server tests on SQLite, PostgreSQL and browsers, the
 * widget tests on three browsers), so one after another they left a core of the two idle most of the time.
 * WebKit's widget run goes beside the server tests, after the checks: its driver runs one file at a time, so
 * it takes about a core, which the server tests, waiting on PostgreSQL and browsers, leave free.
 * Each line is shown as it comes, after its script's name; a summary at the end gives each script's time.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const lanes = process.argv.slice(2).map((lane) => lane.split(','));
if (lanes.length === 0 || lanes.flat().some((name) => !name)) {
  process.stderr.write('usage: node tests/lanes.mjs script[,script…] [script[,script…]…]\n');
  process.exit(2);
}
const width = Math.max(...lanes.flat().map((name) => name.length));
const children = new Set();

/** Runs one npm script with its output prefixed; resolves with its exit code and seconds taken. */
function run(name) {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const prefix = `${name.padEnd(width)} │ `;
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ])
    createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      to.write(`${prefix}${line}\n`),
    );
  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`${prefix}${error.message}\n`);
      resolve({ name, code: 1, seconds: 0 });
    });
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ name, code: code ?? signal, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A lane stops at its first failing script: the next ones need what it made (the build, say). */
async function runLane(names) {
  const results = [];
  for (const name of names)
    results.push(
      results.some((r) => r.code !== 0) ? { name, code: 'skipped', seconds: 0 } : await run(name),
    );
  return results;
}

// Stopping the runner stops what it started.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    for (const child of children) child.kill(signal);
    process.exitCode = 1;
  });

const started = performance.now();
const results = (await Promise.all(lanes.map(runLane))).flat();
const failed = results.filter((r) => r.code !== 0);
process.stdout.write('\n');
for (const { name, code, seconds } of results)
  process.stdout.write(
    `${name.padEnd(width)}   ${code === 0 ? 'passed' : code === 'skipped' ? 'skipped' : `FAILED (${code})`} in ${seconds.toFixed(1)} s\n`,
  );
process.stdout.write(
  `all ${failed.length === 0 ? 'passed' : 'done, with failures'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
if (failed.length > 0) process.exitCode = 1;
