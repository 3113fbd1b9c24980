import type { MailCatalogue } from './en.js';

/** Spanish, in the "tú" of the widget's Spanish. */
const es: MailCatalogue = {
  confirmSubject: 'Confirma tu suscripción a «{title}»',
  confirmIntro:
    'Pediste que te avisáramos por correo de los nuevos comentarios en «{title}». Confirma esta dirección: hasta que lo hagas, no le enviaremos nada más.',
  confirmButton: 'Confirmar mi correo electrónico',
  verifySubject: 'Verifica tu correo electrónico',
  verifyIntro:
    'Confirma que esta dirección es tuya. Los comentarios que publiques con ella desde este mismo navegador aparecerán como verificados.',
  verifyButton: 'Verificar mi correo electrónico',
  ignoreNote: 'Si no lo pediste, ignora este correo y no recibirás nada más.',
  replySubject: '{author} respondió a tu comentario en «{title}»',
  threadSubject: 'Nuevo comentario de {author} en «{title}»',
  wrote: '{author} escribió:',
  readComment: 'Leer el comentario',
  digestSubject: 'Nuevos comentarios en «{title}» y más',
  digestIntro:
    'En la última hora llegaron más comentarios de los que enviamos por correo, así que aquí los tienes juntos:',
  footer: 'Recibes este correo porque pediste que te avisáramos de los nuevos comentarios.',
  unsubscribe: 'Cancelar la suscripción',
  unsubscribed: 'Has cancelado la suscripción: no recibirás más correos sobre esto.',
  confirmed: 'Gracias, tu correo electrónico está confirmado.',
  backToArticle: 'Volver al artículo',
  invalidLink: 'Este enlace no es válido o ha caducado.',
  linkUsed: 'Este enlace ya se ha usado.',

  heldSubject: 'Retenido para moderación: {author} en «{title}»',
  moderatorWrote: '{author} <{email}> escribió en «{title}» ({url}):',
  heldBecause: 'Motivo de la retención: {reason}.',
  reasonWords: 'una palabra de moderación',
  reasonLinks: '{links} enlaces (más de {max})',
  reasonAll: 'se retienen todos los comentarios (moderación: all)',
  reasonFirst: 'primer comentario de este autor',
  published: 'El comentario está publicado.',
  approve: 'Aprobar',
  spam: 'Marcar como spam',
  delete: 'Eliminar',
  onThePage: 'Dónde está en la página',
  approveButton: 'Aprobar el comentario',
  spamButton: 'Marcar el comentario como spam',
  deleteButton: 'Eliminar el comentario',
  approveDone: 'El comentario está aprobado.',
  spamDone: 'El comentario está marcado como spam.',
  deleteDone: 'El comentario está eliminado.',
};

export default es;
