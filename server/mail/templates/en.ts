/** What emails and the pages their links open say, in English; the other languages follow its keys. */
const en = {
  confirmSubject: 'Please confirm your subscription to “{title}”',
  confirmIntro:
    'You asked to be told by email of new comments on “{title}”. Please confirm this address: until you do, nothing else is sent to it.',
  confirmButton: 'Confirm my email address',
  verifySubject: 'Verify your email address',
  verifyIntro:
    'Please confirm that this address is yours. Comments you post with it from the same browser will show as verified.',
  verifyButton: 'Verify my email address',
  ignoreNote: 'If you did not ask for this, ignore this email and nothing more will come.',
  replySubject: '{author} replied to your comment on “{title}”',
  threadSubject: 'New comment by {author} on “{title}”',
  wrote: '{author} wrote:',
  readComment: 'Read the comment',
  digestSubject: 'New comments on “{title}” and more',
  digestIntro:
    'More comments arrived in the last hour than we send emails for, so here they are together:',
  footer: 'You get this email because you asked to be told of new comments.',
  unsubscribe: 'Unsubscribe',
  unsubscribed: 'You are unsubscribed: no more emails about this will come.',
  confirmed: 'Thank you, your email address is confirmed.',
  backToArticle: 'Back to the article',
  invalidLink: 'This link is not valid or has expired.',
  linkUsed: 'This link has already been used.',

  /** Moderators' alerts, in the site's language (its own, else CONFAB_LANG); a new comment that is not held uses threadSubject. */
  heldSubject: 'Held for moderation: {author} on “{title}”',
  moderatorWrote: '{author} <{email}> wrote on “{title}” ({url}):',
  heldBecause: 'Held because: {reason}.',
  reasonWords: 'it contains a moderation word',
  reasonLinks: 'it has {links} links (more than {max})',
  reasonAll: 'every comment is held (moderation: all)',
  reasonFirst: 'first comment from this author',
  published: 'It is published.',
  approve: 'Approve',
  spam: 'Mark as spam',
  delete: 'Delete',
  onThePage: 'Where it is on the page',
  approveButton: 'Approve comment',
  spamButton: 'Mark comment as spam',
  deleteButton: 'Delete comment',
  approveDone: 'The comment is approved.',
  spamDone: 'The comment is marked as spam.',
  deleteDone: 'The comment is deleted.',
};

export type MailCatalogue = typeof en;
export default en;
