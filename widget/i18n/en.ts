import type { enForm } from './en-form.js';
import type { enLater } from './en-later.js';

/**
 * Every string the widget shows. `{name}` marks a parameter; a plural message has one form per
 * Intl.PluralRules category plus `=0`, an exact match tried first. Here are those embed.js shows by itself
 * (the thread's shell, its load error, `<confab-count>`); en-form.ts and en-later.ts have the rest, which
 * load with the code that shows them (the comments themselves come with the reader chunk).
 */
export const en = {
  headingUntitled: { '=0': 'No thoughts yet', one: 'One thought', other: '{count} thoughts' },
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded.',
  retry: 'Retry',
  /** The thread's load error, and the form's when posting cannot reach the server. */
  errorNetwork: 'The comments server could not be reached. Check your connection and try again.',
  /** The thread's load error when the server refuses this page's origin; {setting} is CONFAB_ORIGINS. */
  errorOrigin:
    'This page ({origin}) may not show these comments: the comments server’s operator can add it to {setting}.',
} as const;

export type PluralMessage = { '=0'?: string } & Partial<Record<Intl.LDMLPluralRule, string>> & {
    other: string;
  };
type En = typeof en & typeof enForm & typeof enLater;
export type TextKey = { [K in keyof En]: En[K] extends string ? K : never }[keyof En];
export type PluralKey = { [K in keyof En]: En[K] extends string ? never : K }[keyof En];
/** What another language must provide: the same keys, any wording. */
export type Catalogue = { [K in TextKey]: string } & { [K in PluralKey]: PluralMessage };
/** What a format is made from: English has its first-render part for sure and the rest once loaded. */
export type Messages = Pick<Catalogue, keyof typeof en> & Partial<Catalogue>;
