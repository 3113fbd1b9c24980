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
  alreadyDone: 'Дайын.',
};

export default kk;
