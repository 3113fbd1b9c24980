import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Hands one message on; throws when it could not be (the worker retries). */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * `smtp://` and `smtps://` go to that server; `file:DIR` writes each message into DIR as an .eml file and
 * logs one line, so a first `npm start` shows its emails with nothing else to install.
 */
export function createTransport(opts: {
  url: string;
  from: string;
  log?: (line: string) => void;
}): MailTransport {
  const path = /^file:(?:\/\/)?(.*)$/.exec(opts.url)?.[1];
  if (path !== undefined) {
    const dir = resolve(path);
    const builder = nodemailer.createTransport({ streamTransport: true, buffer: true });
    let seq = 0;
    return {
      async send(message) {
        const info = await builder.sendMail({ from: opts.from, ...message });
        await mkdir(dir, { recursive: true });
        seq += 1;
        const file = join(dir, `${Date.now()}-${process.pid}-${seq}.eml`);
        await writeFile(file, info.message as Buffer);
        opts.log?.(`mail: wrote "${message.subject}" to ${message.to} as ${file}`);
      },
      close() {
        builder.close();
      },
    };
  }
  const smtp = nodemailer.createTransport(opts.url);
  return {
    async send(message) {
      await smtp.sendMail({ from: opts.from, ...message });
    },
    close() {
      smtp.close();
    },
  };
}
