/**
 * The English of what the reader chunk draws (the thread's heading and comments, sorting, paging, live
 * updates, the author's Edit and Delete, preview, remember-me, the email options): it travels in that
 * chunk, not in embed.js. These keys belong to the catalogue like en.ts's, so every other language carries
 * them in its one file; `addLater` in format.ts makes them available once the chunk has arrived.
 */
export const enLater = {
  heading: {
    '=0': 'No thoughts yet on “{title}”',
    one: 'One thought on “{title}”',
    other: '{count} thoughts on “{title}”',
  },
  awaitingModeration: 'Your comment is awaiting moderation.',
  edited: 'Edited',
  /** Beside a comment posted from a browser that proved, through an emailed link, the address is the author's. */
  verified: 'Verified',
  deleted: 'This comment was deleted.',
  /** WordPress's own wording, where the form would be. */
  closed: 'Comments are closed.',
  featured: 'Featured',
  /** The mark on a reply the site's staff wrote. */
  staff: 'Staff',

  reply: 'Reply',
  replyTo: 'Leave a Reply to {name}',
  cancelReply: 'Cancel reply',

  sortLabel: 'Sort comments',
  oldestFirst: 'Oldest first',
  newestFirst: 'Newest first',
  bestFirst: 'Most liked first',
  newComments: { one: '{count} new comment', other: '{count} new comments' },
  loadMore: 'Load more comments',

  like: 'Like',
  likes: { one: '{count} like', other: '{count} likes' },
  likeFailed: 'Your like could not be saved. Please try again later.',

  edit: 'Edit',
  delete: 'Delete',
  editLabel: 'Edit your comment',
  save: 'Save',
  cancel: 'Cancel',
  confirmDelete: 'Delete this comment?',
  yes: 'Yes',
  no: 'No',
  errorEditClosed: 'The time to edit or delete this comment has passed.',
  errorForbidden: 'This comment can only be changed from the browser it was posted from.',
  errorGone: 'This comment no longer exists.',
  errorChange: 'The comment could not be changed. Please try again later.',

  write: 'Write',
  preview: 'Preview',
  previewEmpty: 'Nothing to preview.',
  previewFailed: 'The preview could not be shown.',
  /** WordPress's own wording. */
  remember: 'Save my name, email, and website in this browser for the next time I comment.',

  /** The email options, shown only when the server sends mail; `notify` is the WordPress plugins' wording. */
  notify: 'Notify me of follow-up comments by email.',
  verifyEmail: 'Verify my email address',
  verifySent: 'A link is on its way to {email}: open it to verify your address.',
  verifyFailed: 'The email could not be sent. Please try again later.',
  /** Once the emailed link has brought the reader back. */
  verifiedNow: 'Your email address is verified.',
} as const;
