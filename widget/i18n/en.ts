import type { enLater } from './en-later.js';

/**
 * Every string the widget shows. `{name}` marks a parameter; a plural message has one form per
 * Intl.PluralRules category plus `=0`, an exact match tried first. Here are those of the first render,
 * which ship in embed.js; en-later.ts has the rest, which load with the features that show them.
 */
export const en = {
  heading: {
    '=0': 'No thoughts yet on “{title}”',
    one: 'One thought on “{title}”',
    other: '{count} thoughts on “{title}”',
  },
  headingUntitled: { '=0': 'No thoughts yet', one: 'One thought', other: '{count} thoughts' },
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded.',
  retry: 'Retry',
  awaitingModeration: 'Your comment is awaiting moderation.',
  edited: 'Edited',
  deleted: 'This comment was deleted.',

  formHeading: 'Leave a Reply',
  emailNote: 'Your email address will not be published.',
  /** The star is part of the sentence: some languages put it mid-way ("mit * markiert"). */
  requiredNote: 'Required fields are marked *',
  comment: 'Comment',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  submit: 'Post Comment',
  posting: 'Posting your comment…',
  posted: 'Your comment was posted.',

  /** Beside a field the server refused; the server's own wording is English only. */
  errorComment: 'Comment must not be blank.',
  errorName: 'Name is required.',
  errorEmail: 'Email must be a valid email address.',
  errorWebsite: 'Website must be an http or https address.',
  errorFields: 'Please correct the marked fields and try again.',
  errorNetwork: 'The comments server could not be reached. Check your connection and try again.',
  errorRateLimited: 'You are posting too quickly. Please wait a minute and try again.',
  errorDuplicate: 'It looks as though you’ve already said that.',
  errorTooLarge: 'Your comment is too long.',
  errorOther: 'Your comment could not be posted. Please try again later.',
} as const;

export type PluralMessage = { '=0'?: string } & Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type En = typeof en & typeof enLater;
export type TextKey = { [K in keyof En]: En[K] extends string ? K : never }[keyof En];
export type PluralKey = { [K in keyof En]: En[K] extends string ? never : K }[keyof En];
/** What another language must provide: the same keys, any wording. */
export type Catalogue = { [K in TextKey]: string } & { [K in PluralKey]: PluralMessage };
/** What a format is made from: English has its first-render part for sure and the rest once loaded. */
export type Messages = Pick<Catalogue, keyof typeof en> & Partial<Catalogue>;
