import type { Catalogue } from './en.js';
import type { Written } from './format.js';

/** Russian, after WordPress's own Russian (ru_RU); counts take one/few/many forms (1, 2, 5, 21 комментарий). */
const ru: Catalogue = {
  heading: {
    '=0': 'Пока нет комментариев к «{title}»',
    one: '{count} комментарий к «{title}»',
    few: '{count} комментария к «{title}»',
    many: '{count} комментариев к «{title}»',
    other: '{count} комментария к «{title}»',
  },
  headingUntitled: {
    '=0': 'Комментариев пока нет',
    one: '{count} комментарий',
    few: '{count} комментария',
    many: '{count} комментариев',
    other: '{count} комментария',
  },
  loading: 'Загрузка комментариев…',
  loadFailed: 'Не удалось загрузить комментарии.',
  retry: 'Повторить',
  awaitingModeration: 'Ваш комментарий ожидает проверки.',
  reply: 'Ответить',
  edited: 'Изменено',
  verified: 'Подтверждён',
  deleted: 'Комментарий удалён.',
  closed: 'Комментарии закрыты.',
  featured: 'Избранное',
  staff: 'Редакция',

  formHeading: 'Добавить комментарий',
  replyTo: 'Ответить пользователю {name}',
  cancelReply: 'Отменить ответ',
  emailNote: 'Ваш адрес email не будет опубликован.',
  requiredNote: 'Обязательные поля помечены *',
  comment: 'Комментарий',
  name: 'Имя',
  email: 'Email',
  website: 'Сайт',
  submit: 'Отправить комментарий',
  posting: 'Отправляем ваш комментарий…',
  posted: 'Ваш комментарий опубликован.',

  errorComment: 'Комментарий не может быть пустым.',
  errorName: 'Укажите имя.',
  errorEmail: 'Укажите правильный адрес email.',
  errorWebsite: 'Адрес сайта должен начинаться с http:// или https://.',
  errorFields: 'Исправьте отмеченные поля и попробуйте ещё раз.',
  errorNetwork: 'Сервер комментариев недоступен. Проверьте подключение и попробуйте ещё раз.',
  errorOrigin:
    'Этой странице ({origin}) нельзя показывать эти комментарии: администратор сервера комментариев может добавить её в {setting}.',
  errorRateLimited:
    'Вы отправляете комментарии слишком часто. Подождите минуту и попробуйте ещё раз.',
  errorDuplicate: 'Похоже, вы уже это писали.',
  errorTooLarge: 'Ваш комментарий слишком длинный.',
  errorOther: 'Не удалось отправить комментарий. Попробуйте ещё раз позже.',

  sortLabel: 'Сортировка комментариев',
  oldestFirst: 'Сначала старые',
  newestFirst: 'Сначала новые',
  bestFirst: 'Сначала популярные',
  newComments: {
    one: '{count} новый комментарий',
    few: '{count} новых комментария',
    many: '{count} новых комментариев',
    other: '{count} нового комментария',
  },
  loadMore: 'Загрузить ещё комментарии',

  like: 'Нравится',
  likes: {
    one: '{count} отметка «нравится»',
    few: '{count} отметки «нравится»',
    many: '{count} отметок «нравится»',
    other: '{count} отметки «нравится»',
  },
  likeFailed: 'Не удалось сохранить отметку «нравится». Попробуйте позже.',

  edit: 'Изменить',
  delete: 'Удалить',
  editLabel: 'Изменить комментарий',
  save: 'Сохранить',
  cancel: 'Отмена',
  confirmDelete: 'Удалить этот комментарий?',
  yes: 'Да',
  no: 'Нет',
  errorEditClosed: 'Время на изменение или удаление этого комментария истекло.',
  errorForbidden:
    'Этот комментарий можно изменить только в том браузере, из которого он был отправлен.',
  errorGone: 'Этого комментария больше нет.',
  errorChange: 'Не удалось изменить комментарий. Попробуйте ещё раз позже.',

  write: 'Написать',
  preview: 'Предпросмотр',
  previewEmpty: 'Пока нечего показать.',
  previewFailed: 'Не удалось показать предпросмотр.',
  remember:
    'Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев.',
  notify: 'Уведомлять меня о новых комментариях по email.',
  verifyEmail: 'Подтвердить мой адрес',
  verifySent: 'Ссылка отправлена на {email}: откройте её, чтобы подтвердить адрес.',
  verifyFailed: 'Не удалось отправить письмо. Попробуйте позже.',
  verifiedNow: 'Ваш адрес электронной почты подтверждён.',
};

export default ru;

export const written: Written = {
  tags: ['ru', 'ru-RU'],
  months: 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
  date: '{d} {M} {y} г. в {HH}:{mm}',
  group: '\u00a0',
  plural: (n) => {
    const ten = n % 10;
    const hundred = n % 100;
    if (ten === 1 && hundred !== 11) return 'one';
    return ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? 'few' : 'many';
  },
};
