import type { Catalogue } from './en.js';
import type { Written } from './format.js';

/** French, after WordPress's own French (fr_FR); guillemets take a no-break space inside. */
const fr: Catalogue = {
  heading: {
    '=0': 'Pas encore de réflexion sur «\u00a0{title}\u00a0»',
    one: 'Une réflexion sur «\u00a0{title}\u00a0»',
    other: '{count} réflexions sur «\u00a0{title}\u00a0»',
  },
  headingUntitled: {
    '=0': 'Pas encore de réflexion',
    one: 'Une réflexion',
    other: '{count} réflexions',
  },
  loading: 'Chargement des commentaires…',
  loadFailed: 'Impossible de charger les commentaires.',
  retry: 'Réessayer',
  awaitingModeration: 'Votre commentaire est en attente de modération.',
  reply: 'Répondre',
  edited: 'Modifié',
  verified: 'Vérifié',
  deleted: 'Ce commentaire a été supprimé.',
  closed: 'Les commentaires sont fermés.',
  featured: 'À la une',
  staff: 'Rédaction',

  formHeading: 'Laisser un commentaire',
  replyTo: 'Répondre à {name}',
  cancelReply: 'Annuler la réponse',
  emailNote: 'Votre adresse e-mail ne sera pas publiée.',
  requiredNote: 'Les champs obligatoires sont indiqués avec *',
  comment: 'Commentaire',
  name: 'Nom',
  email: 'E-mail',
  website: 'Site web',
  submit: 'Publier le commentaire',
  posting: 'Envoi de votre commentaire…',
  posted: 'Votre commentaire a été publié.',

  errorComment: 'Le commentaire ne peut pas être vide.',
  errorName: 'Le nom est obligatoire.',
  errorEmail: 'Veuillez saisir une adresse e-mail valide.',
  errorWebsite: 'L’adresse du site doit commencer par http:// ou https://.',
  errorFields: 'Veuillez corriger les champs indiqués, puis réessayer.',
  errorNetwork:
    'Le serveur de commentaires est injoignable. Vérifiez votre connexion, puis réessayez.',
  errorOrigin:
    'Cette page ({origin}) ne peut pas afficher ces commentaires : l’administrateur du serveur de commentaires peut l’ajouter à {setting}.',
  errorRateLimited: 'Vous publiez trop vite. Patientez une minute, puis réessayez.',
  errorDuplicate: 'On dirait que vous avez déjà dit cela.',
  errorTooLarge: 'Votre commentaire est trop long.',
  errorOther: 'Votre commentaire n’a pas pu être publié. Veuillez réessayer plus tard.',

  sortLabel: 'Trier les commentaires',
  oldestFirst: 'Les plus anciens d’abord',
  newestFirst: 'Les plus récents d’abord',
  bestFirst: 'Les plus appréciés d’abord',
  newComments: { one: '{count} nouveau commentaire', other: '{count} nouveaux commentaires' },
  loadMore: 'Charger plus de commentaires',

  like: 'J’aime',
  likes: { one: '{count} j’aime', other: '{count} j’aime' },
  likeFailed: 'Votre « j’aime » n’a pas pu être enregistré. Veuillez réessayer plus tard.',

  edit: 'Modifier',
  delete: 'Supprimer',
  editLabel: 'Modifier votre commentaire',
  save: 'Enregistrer',
  cancel: 'Annuler',
  confirmDelete: 'Supprimer ce commentaire\u00a0?',
  yes: 'Oui',
  no: 'Non',
  errorEditClosed: 'Le délai pour modifier ou supprimer ce commentaire est écoulé.',
  errorForbidden:
    'Ce commentaire ne peut être modifié que depuis le navigateur où il a été publié.',
  errorGone: 'Ce commentaire n’existe plus.',
  errorChange: 'Le commentaire n’a pas pu être modifié. Veuillez réessayer plus tard.',

  write: 'Écrire',
  preview: 'Aperçu',
  previewEmpty: 'Rien à prévisualiser.',
  previewFailed: 'L’aperçu n’a pas pu être affiché.',
  remember:
    'Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.',
  notify: 'Prévenez-moi de tous les nouveaux commentaires par e-mail.',
  verifyEmail: 'Vérifier mon adresse e-mail',
  verifySent: 'Un lien a été envoyé à {email} : ouvrez-le pour vérifier votre adresse.',
  verifyFailed: 'L’e-mail n’a pas pu être envoyé. Veuillez réessayer plus tard.',
  verifiedNow: 'Votre adresse e-mail est vérifiée.',
};

export default fr;

export const written: Written = {
  tags: ['fr', 'fr-FR'],
  months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  date: '{d} {M} {y} à {HH}:{mm}',
  group: '\u202f',
  plural: (n) => (n < 2 ? 'one' : n % 1e6 === 0 ? 'many' : 'other'),
};
