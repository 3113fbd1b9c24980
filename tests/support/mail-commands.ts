import type { TestRunnerPlugin } from '@web/test-runner';
import type { ParsedMail } from 'mailparser';
import type { TestSmtp } from './smtp.js';

/** An email as a browser test reads it. */
export interface ReceivedMail {
  subject: string;
  text: string;
}

/** What the page a link opens answers to its one button. */
export interface PressedLink {
  status: number;
  html: string;
}

const recipient = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text;

/**
 * Commands widget tests run in Node through `executeServerCommand`, for what a test page cannot do itself:
 * `confab-mail {to, count}` waits until `count` emails have reached `to` in the in-process SMTP server and
 * returns them in order; `confab-press {url}` presses the button of the page an email link opens (a POST
 * to the link), which the page itself would do only by navigating away from the tests.
 */
export function mailCommands(smtp: TestSmtp): TestRunnerPlugin {
  return {
    name: 'confab-mail-commands',
    async executeCommand({ command, payload }) {
      if (command === 'confab-mail') {
        const { to, count } = payload as { to: string; count: number };
        // Within the widget tests' 20 s, with room for the rest of the test.
        const deadline = Date.now() + 15_000;
        for (;;) {
          const mine = smtp.messages.filter((m) => recipient(m) === to);
          if (mine.length >= count)
            return mine.map(
              (m): ReceivedMail => ({ subject: m.subject ?? '', text: m.text ?? '' }),
            );
          if (Date.now() > deadline)
            throw new Error(`${mine.length} of ${count} emails reached ${to}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      if (command === 'confab-press') {
        const res = await fetch((payload as { url: string }).url, { method: 'POST' });
        return { status: res.status, html: await res.text() } satisfies PressedLink;
      }
      return undefined;
    },
  };
}
