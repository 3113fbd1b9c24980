import type { Catalogue } from './en.js';
import type { Written } from './format.js';

/** German, in the informal "du" of WordPress's own German (de_DE). */
const de: Catalogue = {
  heading: {
    '=0': 'Noch keine Gedanken zu „{title}“',
    one: 'Ein Gedanke zu „{title}“',
    other: '{count} Gedanken zu „{title}“',
  },
  headingUntitled: { '=0': 'Noch keine Gedanken', one: 'Ein Gedanke', other: '{count} Gedanken' },
  loading: 'Kommentare werden geladen…',
  loadFailed: 'Die Kommentare konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  awaitingModeration: 'Dein Kommentar muss noch freigegeben werden.',
  reply: 'Antworten',
  edited: 'Bearbeitet',
  verified: 'Bestätigt',
  deleted: 'Dieser Kommentar wurde gelöscht.',
  closed: 'Die Kommentarfunktion ist geschlossen.',
  featured: 'Hervorgehoben',
  staff: 'Redaktion',

  formHeading: 'Schreibe einen Kommentar',
  replyTo: 'Schreibe eine Antwort an {name}',
  cancelReply: 'Antworten abbrechen',
  emailNote: 'Deine E-Mail-Adresse wird nicht veröffentlicht.',
  requiredNote: 'Erforderliche Felder sind mit * markiert',
  comment: 'Kommentar',
  name: 'Name',
  email: 'E-Mail',
  website: 'Website',
  submit: 'Kommentar abschicken',
  posting: 'Dein Kommentar wird gesendet…',
  posted: 'Dein Kommentar wurde veröffentlicht.',

  errorComment: 'Der Kommentar darf nicht leer sein.',
  errorName: 'Bitte gib deinen Namen an.',
  errorEmail: 'Bitte gib eine gültige E-Mail-Adresse an.',
  errorWebsite: 'Die Website-Adresse muss mit http:// oder https:// beginnen.',
  errorFields: 'Bitte korrigiere die markierten Felder und versuche es erneut.',
  errorNetwork:
    'Der Kommentar-Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
  errorOrigin:
    'Diese Seite ({origin}) darf diese Kommentare nicht zeigen: Der Betreiber des Kommentar-Servers kann sie in {setting} eintragen.',
  errorRateLimited:
    'Du kommentierst zu schnell. Bitte warte eine Minute und versuche es dann erneut.',
  errorDuplicate: 'Es sieht so aus, als hättest du das schon einmal geschrieben.',
  errorTooLarge: 'Dein Kommentar ist zu lang.',
  errorOther: 'Dein Kommentar konnte nicht gesendet werden. Bitte versuche es später erneut.',

  sortLabel: 'Kommentare sortieren',
  oldestFirst: 'Älteste zuerst',
  newestFirst: 'Neueste zuerst',
  bestFirst: 'Beliebteste zuerst',
  newComments: { one: '{count} neuer Kommentar', other: '{count} neue Kommentare' },
  loadMore: 'Weitere Kommentare laden',

  like: 'Gefällt mir',
  likes: { one: '{count} Person gefällt das', other: '{count} Personen gefällt das' },
  likeFailed:
    'Dein „Gefällt mir“ konnte nicht gespeichert werden. Bitte versuche es später erneut.',

  edit: 'Bearbeiten',
  delete: 'Löschen',
  editLabel: 'Deinen Kommentar bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  confirmDelete: 'Diesen Kommentar löschen?',
  yes: 'Ja',
  no: 'Nein',
  errorEditClosed: 'Die Zeit zum Bearbeiten oder Löschen dieses Kommentars ist abgelaufen.',
  errorForbidden:
    'Dieser Kommentar kann nur in dem Browser geändert werden, in dem er geschrieben wurde.',
  errorGone: 'Diesen Kommentar gibt es nicht mehr.',
  errorChange: 'Der Kommentar konnte nicht geändert werden. Bitte versuche es später erneut.',

  write: 'Schreiben',
  preview: 'Vorschau',
  previewEmpty: 'Nichts für die Vorschau da.',
  previewFailed: 'Die Vorschau konnte nicht angezeigt werden.',
  remember:
    'Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die nächste Kommentierung speichern.',
  notify: 'Benachrichtige mich über nachfolgende Kommentare via E-Mail.',
  verifyEmail: 'Meine E-Mail-Adresse bestätigen',
  verifySent: 'Ein Link ist unterwegs an {email}: Öffne ihn, um deine Adresse zu bestätigen.',
  verifyFailed: 'Die E-Mail konnte nicht gesendet werden. Bitte versuche es später erneut.',
  verifiedNow: 'Deine E-Mail-Adresse ist bestätigt.',
};

export default de;

export const written: Written = {
  tags: ['de', 'de-DE'],
  months: 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember',
  date: '{d}. {M} {y} um {HH}:{mm}',
  group: '.',
  plural: (n) => (n === 1 ? 'one' : 'other'),
};
