import type { MailCatalogue } from './en.js';

/** Russian, addressing the reader as "вы", as the widget's Russian does. */
const ru: MailCatalogue = {
  confirmSubject: 'Подтвердите подписку на «{title}»',
  confirmIntro:
    'Вы попросили сообщать по электронной почте о новых комментариях к «{title}». Подтвердите этот адрес: пока вы этого не сделаете, мы ничего больше на него не отправим.',
  confirmButton: 'Подтвердить мой адрес',
  verifySubject: 'Подтвердите свой адрес электронной почты',
  verifyIntro:
    'Подтвердите, что этот адрес принадлежит вам. Комментарии, которые вы оставите с ним в этом браузере, будут отмечены как подтверждённые.',
  verifyButton: 'Подтвердить мой адрес',
  ignoreNote: 'Если вы этого не просили, просто не обращайте внимания на это письмо.',
  replySubject: '{author} ответил(а) на ваш комментарий к «{title}»',
  threadSubject: 'Новый комментарий от {author} к «{title}»',
  wrote: '{author} пишет:',
  readComment: 'Прочитать комментарий',
  digestSubject: 'Новые комментарии к «{title}» и другим записям',
  digestIntro:
    'За последний час пришло больше комментариев, чем мы отправляем писем, поэтому собрали их вместе:',
  footer: 'Вы получили это письмо, потому что попросили сообщать о новых комментариях.',
  unsubscribe: 'Отписаться',
  unsubscribed: 'Вы отписались: писем об этом больше не будет.',
  confirmed: 'Спасибо, ваш адрес подтверждён.',
  backToArticle: 'Вернуться к записи',
  invalidLink: 'Эта ссылка недействительна или устарела.',
  linkUsed: 'Эта ссылка уже использована.',

  heldSubject: 'На модерации: комментарий {author} к «{title}»',
  moderatorWrote: '{author} <{email}> пишет к «{title}» ({url}):',
  heldBecause: 'Причина задержки: {reason}.',
  reasonWords: 'слово из списка модерации',
  reasonLinks: 'ссылок: {links} (больше {max})',
  reasonAll: 'задерживаются все комментарии (модерация: all)',
  reasonFirst: 'первый комментарий этого автора',
  published: 'Комментарий опубликован.',
  approve: 'Одобрить',
  spam: 'Пометить как спам',
  delete: 'Удалить',
  onThePage: 'Где он на странице',
  approveButton: 'Одобрить комментарий',
  spamButton: 'Пометить комментарий как спам',
  deleteButton: 'Удалить комментарий',
  approveDone: 'Комментарий одобрен.',
  spamDone: 'Комментарий помечен как спам.',
  deleteDone: 'Комментарий удалён.',
};

export default ru;
