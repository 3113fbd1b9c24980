/**
 * The English of the "Leave a Reply" form, which loads just after the thread's first render: it travels
 * in the form's chunk, not in embed.js (see en-later.ts for how such keys join the catalogue).
 */
export const enForm = {
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
  errorRateLimited: 'You are posting too quickly. Please wait a minute and try again.',
  errorDuplicate: 'It looks as though you’ve already said that.',
  errorTooLarge: 'Your comment is too long.',
  errorOther: 'Your comment could not be posted. Please try again later.',
} as const;
