import type { PublicComment } from '../../server/schema/index.js';
import { clock } from '../clock.js';

/** What this browser keeps about a comment it posted: the only proof of authorship there is. */
export interface OwnComment {
  token: string;
  /** When Edit and Delete go away, on this browser's clock (epoch ms). */
  until: number;
  /** The Markdown as last sent: the public comment carries only HTML, and the editor needs the source. */
  body: string;
  /** The thread it belongs to. */
  url: string;
  /** A comment held for moderation, shown to its author alone until the server shows it approved. */
  pending?: PublicComment | undefined;
}

export type OwnComments = Record<number, OwnComment>;

export interface RememberedAuthor {
  name: string;
  email: string;
  website?: string | undefined;
  /** The "Notify me of follow-up comments" box, remembered with the details. */
  notify?: boolean | undefined;
}

/** How long a held comment is shown to its author: moderation usually answers well within a week. */
const PENDING_KEEP_MS = 7 * 24 * 3600 * 1000;

const AUTHOR_KEY = 'confab:author';
// Per server: tokens of one Confab server mean nothing to another.
const ownKey = (server: string) => `confab:tokens:${server.replace(/\/+$/, '')}`;

// Storage can be missing, full or forbidden (private modes, sandboxed frames): the widget then just forgets.
function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* forgetting is the only option left */
  }
}

/** The reader's own comments on `server`, without those whose time is up. */
export function readOwn(server: string): OwnComments {
  const all = read<OwnComments>(ownKey(server)) ?? {};
  const now = clock.now();
  const live = Object.fromEntries(
    Object.entries(all).filter(
      ([, own]) =>
        own.until > now ||
        (own.pending && Date.parse(own.pending.createdAt) + PENDING_KEEP_MS > now),
    ),
  );
  if (Object.keys(live).length !== Object.keys(all).length) writeOwn(server, live);
  return live;
}

export function writeOwn(server: string, own: OwnComments) {
  write(ownKey(server), Object.keys(own).length ? own : null);
}

export const readAuthor = () => read<RememberedAuthor>(AUTHOR_KEY);

/** Keeps the author's details, or forgets them with null. */
export const writeAuthor = (author: RememberedAuthor | null) => write(AUTHOR_KEY, author);

// Per server, as the server that confirmed the address is the only one that knows the proof.
const proofKey = (server: string) => `confab:proof:${server.replace(/\/+$/, '')}`;

/**
 * This browser's proof that it owns an email address, handed out by `server` when a link it emailed was
 * confirmed; sent with every post, the server marks the comment verified when it is for the post's email.
 */
export const readProof = (server: string) => read<string>(proofKey(server)) ?? undefined;

export const writeProof = (server: string, proof: string) => write(proofKey(server), proof);

/** A random URL-safe key kept under `name`, made the first time it is asked for. */
function keptKey(name: string): string {
  const kept = read<string>(name);
  if (kept) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const made = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  write(name, made);
  return made;
}

/**
 * This browser's author key: random, made once, sent with every post. The server keys the avatar with it
 * and the email, so someone posting with a guessed email gets a different avatar than the author has.
 */
export const authorKey = () => keptKey('confab:author-key');

/** This browser's like key: one like per key per comment. Apart from the author key, so likes say nothing of authorship. */
export const likeKey = () => keptKey('confab:like-key');

/** Liked comments remembered per server, the latest last; older ones fall off. */
const LIKED_KEEP = 1000;
const likedKey = (server: string) => `confab:liked:${server.replace(/\/+$/, '')}`;

/** The comments this browser likes on `server`, so their Like buttons show pressed. */
export const readLiked = (server: string) => new Set(read<number[]>(likedKey(server)) ?? []);

export function writeLiked(server: string, liked: Set<number>) {
  write(likedKey(server), liked.size ? [...liked].slice(-LIKED_KEEP) : null);
}
