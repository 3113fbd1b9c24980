import type { Catalogue } from './en.js';
import type { Written } from './format.js';

/** Spanish, in the informal "tú" of WordPress's own Spanish (es_ES). */
const es: Catalogue = {
  heading: {
    '=0': 'Aún no hay comentarios en «{title}»',
    one: 'Un comentario en «{title}»',
    other: '{count} comentarios en «{title}»',
  },
  headingUntitled: {
    '=0': 'Aún no hay comentarios',
    one: 'Un comentario',
    other: '{count} comentarios',
  },
  loading: 'Cargando comentarios…',
  loadFailed: 'No se han podido cargar los comentarios.',
  retry: 'Reintentar',
  awaitingModeration: 'Tu comentario está pendiente de moderación.',
  reply: 'Responder',
  edited: 'Editado',
  verified: 'Verificado',
  deleted: 'Este comentario se ha eliminado.',
  closed: 'Los comentarios están cerrados.',
  featured: 'Destacado',
  staff: 'Redacción',

  formHeading: 'Deja una respuesta',
  replyTo: 'Responder a {name}',
  cancelReply: 'Cancelar la respuesta',
  emailNote: 'Tu dirección de correo electrónico no será publicada.',
  requiredNote: 'Los campos obligatorios están marcados con *',
  comment: 'Comentario',
  name: 'Nombre',
  email: 'Correo electrónico',
  website: 'Web',
  submit: 'Publicar el comentario',
  posting: 'Enviando tu comentario…',
  posted: 'Tu comentario se ha publicado.',

  errorComment: 'El comentario no puede estar vacío.',
  errorName: 'El nombre es obligatorio.',
  errorEmail: 'Escribe una dirección de correo electrónico válida.',
  errorWebsite: 'La dirección de la web debe empezar por http:// o https://.',
  errorFields: 'Corrige los campos marcados e inténtalo de nuevo.',
  errorNetwork:
    'No se ha podido conectar con el servidor de comentarios. Comprueba tu conexión e inténtalo de nuevo.',
  errorOrigin:
    'Esta página ({origin}) no puede mostrar estos comentarios: quien administra el servidor de comentarios puede añadirla a {setting}.',
  errorRateLimited: 'Estás publicando demasiado rápido. Espera un minuto e inténtalo de nuevo.',
  errorDuplicate: 'Parece que ya has dicho eso.',
  errorTooLarge: 'Tu comentario es demasiado largo.',
  errorOther: 'No se ha podido publicar tu comentario. Inténtalo de nuevo más tarde.',

  sortLabel: 'Ordenar los comentarios',
  oldestFirst: 'Más antiguos primero',
  newestFirst: 'Más recientes primero',
  bestFirst: 'Los más valorados primero',
  newComments: { one: '{count} comentario nuevo', other: '{count} comentarios nuevos' },
  loadMore: 'Cargar más comentarios',

  like: 'Me gusta',
  likes: { one: '{count} me gusta', other: '{count} me gusta' },
  likeFailed: 'No se ha podido guardar tu «me gusta». Inténtalo de nuevo más tarde.',

  edit: 'Editar',
  delete: 'Eliminar',
  editLabel: 'Edita tu comentario',
  save: 'Guardar',
  cancel: 'Cancelar',
  confirmDelete: '¿Eliminar este comentario?',
  yes: 'Sí',
  no: 'No',
  errorEditClosed: 'El plazo para editar o eliminar este comentario ha terminado.',
  errorForbidden: 'Este comentario solo se puede cambiar desde el navegador en el que se publicó.',
  errorGone: 'Este comentario ya no existe.',
  errorChange: 'No se ha podido cambiar el comentario. Inténtalo de nuevo más tarde.',

  write: 'Escribir',
  preview: 'Vista previa',
  previewEmpty: 'No hay nada que previsualizar.',
  previewFailed: 'No se ha podido mostrar la vista previa.',
  remember:
    'Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.',
  notify: 'Recibir un email con los siguientes comentarios a esta entrada.',
  verifyEmail: 'Verificar mi correo electrónico',
  verifySent: 'Te hemos enviado un enlace a {email}: ábrelo para verificar tu dirección.',
  verifyFailed: 'No se pudo enviar el correo. Inténtalo de nuevo más tarde.',
  verifiedNow: 'Tu correo electrónico está verificado.',
};

export default es;

export const written: Written = {
  tags: ['es', 'es-ES'],
  months:
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  date: '{d} de {M} de {y} a las {H}:{mm}',
  group: '.',
  groupFrom: 5,
  plural: (n) => (n === 1 ? 'one' : n % 1e6 === 0 && n ? 'many' : 'other'),
};
