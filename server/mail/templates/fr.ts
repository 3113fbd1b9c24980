import type { MailCatalogue } from './en.js';

/** French, in the "vous" of the widget's French. */
const fr: MailCatalogue = {
  confirmSubject: 'Confirmez votre abonnement à « {title} »',
  confirmIntro:
    'Vous avez demandé à être prévenu par e-mail des nouveaux commentaires sur « {title} ». Confirmez cette adresse : d’ici là, rien d’autre ne lui sera envoyé.',
  confirmButton: 'Confirmer mon adresse e-mail',
  verifySubject: 'Vérifiez votre adresse e-mail',
  verifyIntro:
    'Confirmez que cette adresse est bien la vôtre. Les commentaires que vous publierez avec elle depuis ce navigateur apparaîtront comme vérifiés.',
  verifyButton: 'Vérifier mon adresse e-mail',
  ignoreNote: 'Si vous n’avez rien demandé, ignorez cet e-mail : vous ne recevrez rien d’autre.',
  replySubject: '{author} a répondu à votre commentaire sur « {title} »',
  threadSubject: 'Nouveau commentaire de {author} sur « {title} »',
  wrote: '{author} a écrit :',
  readComment: 'Lire le commentaire',
  digestSubject: 'Nouveaux commentaires sur « {title} » et plus',
  digestIntro:
    'Plus de commentaires sont arrivés dans l’heure que nous n’envoyons d’e-mails ; les voici réunis :',
  footer:
    'Vous recevez cet e-mail parce que vous avez demandé à être prévenu des nouveaux commentaires.',
  unsubscribe: 'Se désabonner',
  unsubscribed: 'Vous êtes désabonné : vous ne recevrez plus d’e-mails à ce sujet.',
  confirmed: 'Merci, votre adresse e-mail est confirmée.',
  backToArticle: 'Retour à l’article',
  invalidLink: 'Ce lien n’est pas valide ou a expiré.',
  linkUsed: 'Ce lien a déjà été utilisé.',

  heldSubject: 'En attente de modération : {author} sur « {title} »',
  moderatorWrote: '{author} <{email}> a écrit sur « {title} » ({url}) :',
  heldBecause: 'Motif de la mise en attente : {reason}.',
  reasonWords: 'un mot de modération',
  reasonLinks: '{links} liens (plus de {max})',
  reasonAll: 'tous les commentaires sont mis en attente (modération : all)',
  reasonFirst: 'premier commentaire de cet auteur',
  published: 'Le commentaire est publié.',
  approve: 'Approuver',
  spam: 'Marquer comme indésirable',
  delete: 'Supprimer',
  onThePage: 'Où il se trouve sur la page',
  approveButton: 'Approuver le commentaire',
  spamButton: 'Marquer le commentaire comme indésirable',
  deleteButton: 'Supprimer le commentaire',
  approveDone: 'Le commentaire est approuvé.',
  spamDone: 'Le commentaire est marqué comme indésirable.',
  deleteDone: 'Le commentaire est supprimé.',
};

export default fr;
