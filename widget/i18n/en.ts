/**
 * Every string the widget shows. `{name}` marks a parameter; a plural message has one form per
 * Intl.PluralRules category plus `=0`, an exact match tried first.
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

  formHeading: 'Leave a Reply',
  emailNote: 'Your email address will not be published.',
  requiredNote: 'Required fields are marked',
  comment: 'Comment',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  submit: 'Post Comment',
  posting: 'Posting your comment…',
  posted: 'Your comment was posted.',

  /** A server field message ("must be a valid email address") after the field's label. */
  fieldError: '{label} {message}.',
  errorFields: 'Please correct the marked fields and try again.',
  errorNetwork: 'The comments server could not be reached. Check your connection and try again.',
  errorRateLimited: 'You are posting too quickly. Please wait a minute and try again.',
  errorDuplicate: 'It looks as though you’ve already said that.',
  errorTooLarge: 'Your comment is too long.',
  errorOther: 'Your comment could not be posted. Please try again later.',
} as const;

export type PluralMessage = { '=0'?: string } & Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type En = typeof en;
export type TextKey = { [K in keyof En]: En[K] extends string ? K : never }[keyof En];
export type PluralKey = { [K in keyof En]: En[K] extends string ? never : K }[keyof En];
/** What another language must provide: the same keys, any wording. */
export type Catalogue = { [K in TextKey]: string } & { [K in PluralKey]: PluralMessage };
