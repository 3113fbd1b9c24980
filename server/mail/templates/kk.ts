import type { MailCatalogue } from './en.js';

/** Kazakh, addressing the reader as "сіз", as the widget's Kazakh does. */
const kk: MailCatalogue = {
  confirmSubject: '«{title}» жазылымын растаңыз',
  confirmIntro:
    'Сіз «{title}» бойынша жаңа пікірлер туралы электрондық пошта арқылы хабарлауды сұрадыңыз. Осы мекенжайды растаңыз: растағанша оған басқа ештеңе жіберілмейді.',
  confirmButton: 'Мекенжайымды растау',
  verifySubject: 'Электрондық пошта мекенжайыңызды растаңыз',
  verifyIntro:
    'Бұл мекенжай сіздікі екенін растаңыз. Осы браузерден онымен жазған пікірлеріңіз расталған деп көрсетіледі.',
  verifyButton: 'Мекенжайымды растау',
  ignoreNote: 'Егер мұны сұрамаған болсаңыз, бұл хатқа назар аудармаңыз.',
  replySubject: '{author} сіздің «{title}» бойынша пікіріңізге жауап берді',
  threadSubject: '«{title}» бойынша {author} жаңа пікір қалдырды',
  wrote: '{author} жазды:',
  readComment: 'Пікірді оқу',
  digestSubject: '«{title}» және басқа жазбалар бойынша жаңа пікірлер',
  digestIntro: 'Соңғы бір сағатта біз жіберетін хаттардан көп пікір келді, сондықтан олар бірге:',
  footer: 'Бұл хатты жаңа пікірлер туралы хабарлауды сұрағаныңыз үшін алдыңыз.',
  unsubscribe: 'Жазылымнан бас тарту',
  unsubscribed: 'Жазылымнан бас тарттыңыз: бұл туралы енді хат келмейді.',
  confirmed: 'Рақмет, мекенжайыңыз расталды.',
  backToArticle: 'Жазбаға оралу',
  invalidLink: 'Бұл сілтеме жарамсыз немесе мерзімі өткен.',
  linkUsed: 'Бұл сілтеме бұрын пайдаланылған.',

  heldSubject: 'Модерацияны күтуде: {author}, «{title}» бойынша',
  moderatorWrote: '{author} <{email}> «{title}» бойынша жазды ({url}):',
  heldBecause: 'Ұстап қалу себебі: {reason}.',
  reasonWords: 'модерация тізіміндегі сөз',
  reasonLinks: 'сілтемелер саны: {links} (шегі: {max})',
  reasonAll: 'барлық пікірлер ұсталады (модерация: all)',
  reasonFirst: 'бұл автордың алғашқы пікірі',
  published: 'Пікір жарияланды.',
  approve: 'Мақұлдау',
  spam: 'Спам деп белгілеу',
  delete: 'Жою',
  onThePage: 'Беттегі орны',
  approveButton: 'Пікірді мақұлдау',
  spamButton: 'Пікірді спам деп белгілеу',
  deleteButton: 'Пікірді жою',
  approveDone: 'Пікір мақұлданды.',
  spamDone: 'Пікір спам деп белгіленді.',
  deleteDone: 'Пікір жойылды.',
};

export default kk;
