import { type ParseArgsConfig, parseArgs } from 'node:util';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { migrateDatabase } from './migrate.js';
import { renderCommand } from './render.js';
import { sitesCommand } from './sites.js';
import { UsageError } from './usage-error.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether operands (file names) may follow the options. */
  positionals?: boolean;
  /** Resolves to the exit code. */
  run(values: Values, io: CliIo, positionals: string[]): Promise<number>;
}

/** Hides the password of a database URL in anything printed. */
const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** One entry per subcommand: `confab <name> --option value …`. */
const COMMANDS: Record<string, Command> = {
  migrate: {
    summary:
      'copy a whole site into another database (SQLite → PostgreSQL), keeping ids, times and settings',
    usage: 'confab migrate --from file:./data/confab.db --to postgres://user:password@host/confab',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    async run(values, io) {
      const from = required(values, 'from');
      const to = required(values, 'to');
      io.out(`Copying ${redact(from)} → ${redact(to)} …`);
      const n = await migrateDatabase(from, to);
      io.out(
        `Done: ${n.threads} threads, ${n.comments} comments, ${n.settings} settings. Point DATABASE_URL at the new database and start Confab.`,
      );
      return 0;
    },
  },
  export: exportCommand,
  import: importCommand,
  render: renderCommand,
  sites: sitesCommand,
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  e.g. ${c.usage}`,
  );
  return `Usage: confab <command> [options]\n\nCommands:\n${lines.join('\n')}`;
}

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one subcommand and resolves to the process exit code: 0 done, 1 failed, 2 misused. */
export async function runCli(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io[name === undefined ? 'err' : 'out'](help());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`confab: there is no command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.positionals ?? false,
    });
    if (values.help) {
      io.out(`${command.summary}\nUsage: ${command.usage}`);
      return 0;
    }
    return await command.run(values, io, positionals);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const misuse =
      e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`confab ${name}: ${message}${misuse ? `\nUsage: ${command.usage}` : ''}`);
    return misuse ? 2 : 1;
  }
}
