import type { MailCatalogue } from './en.js';

/** German, in the informal "du" of the widget's German. */
const de: MailCatalogue = {
  confirmSubject: 'Bitte bestätige dein Abonnement für „{title}“',
  confirmIntro:
    'Du möchtest per E-Mail über neue Kommentare zu „{title}“ informiert werden. Bitte bestätige diese Adresse: Bis dahin senden wir nichts anderes an sie.',
  confirmButton: 'Meine E-Mail-Adresse bestätigen',
  verifySubject: 'Bestätige deine E-Mail-Adresse',
  verifyIntro:
    'Bitte bestätige, dass diese Adresse dir gehört. Kommentare, die du damit aus demselben Browser schreibst, werden als bestätigt angezeigt.',
  verifyButton: 'Meine E-Mail-Adresse bestätigen',
  ignoreNote: 'Wenn du das nicht angefordert hast, ignoriere diese E-Mail; es kommt nichts weiter.',
  replySubject: '{author} hat auf deinen Kommentar zu „{title}“ geantwortet',
  threadSubject: 'Neuer Kommentar von {author} zu „{title}“',
  wrote: '{author} schrieb:',
  readComment: 'Kommentar lesen',
  digestSubject: 'Neue Kommentare zu „{title}“ und mehr',
  digestIntro:
    'In der letzten Stunde kamen mehr Kommentare, als wir E-Mails senden, deshalb hier alle zusammen:',
  footer: 'Du erhältst diese E-Mail, weil du über neue Kommentare informiert werden möchtest.',
  unsubscribe: 'Abbestellen',
  unsubscribed: 'Du hast abbestellt: Dazu kommen keine E-Mails mehr.',
  confirmed: 'Danke, deine E-Mail-Adresse ist bestätigt.',
  backToArticle: 'Zurück zum Artikel',
  invalidLink: 'Dieser Link ist ungültig oder abgelaufen.',
  linkUsed: 'Dieser Link wurde bereits verwendet.',

  heldSubject: 'Zur Freigabe zurückgehalten: {author} zu „{title}“',
  moderatorWrote: '{author} <{email}> schrieb zu „{title}“ ({url}):',
  heldBecause: 'Grund fürs Zurückhalten: {reason}.',
  reasonWords: 'ein Moderationswort',
  reasonLinks: '{links} Links (mehr als {max})',
  reasonAll: 'jeder Kommentar wird zurückgehalten (Moderation: all)',
  reasonFirst: 'erster Kommentar dieser Person',
  published: 'Der Kommentar ist veröffentlicht.',
  approve: 'Freigeben',
  spam: 'Als Spam markieren',
  delete: 'Löschen',
  onThePage: 'Zum Kommentar auf der Seite',
  approveButton: 'Kommentar freigeben',
  spamButton: 'Kommentar als Spam markieren',
  deleteButton: 'Kommentar löschen',
  approveDone: 'Der Kommentar ist freigegeben.',
  spamDone: 'Der Kommentar ist als Spam markiert.',
  deleteDone: 'Der Kommentar ist gelöscht.',
};

export default de;
