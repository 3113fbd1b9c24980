import type { Catalogue } from './en.js';
import type { Written } from './format.js';

/**
 * Kazakh, in Cyrillic. A noun after a numeral stays singular (5 пікір), so the plural rules have only
 * `one` and `other`; the title comes first, as Kazakh puts the possessor before the noun.
 */
const kk: Catalogue = {
  heading: {
    '=0': '«{title}» жазбасына әлі пікір жоқ',
    one: '«{title}» жазбасына бір пікір',
    other: '«{title}» жазбасына {count} пікір',
  },
  headingUntitled: { '=0': 'Әзірге пікір жоқ', one: 'Бір пікір', other: '{count} пікір' },
  loading: 'Пікірлер жүктелуде…',
  loadFailed: 'Пікірлерді жүктеу мүмкін болмады.',
  retry: 'Қайталау',
  awaitingModeration: 'Пікіріңіз модерацияны күтуде.',
  reply: 'Жауап беру',
  edited: 'Өңделді',
  verified: 'Расталған',
  deleted: 'Бұл пікір жойылды.',
  closed: 'Пікірлер жабық.',
  featured: 'Таңдаулы',
  staff: 'Редакция',

  formHeading: 'Пікір қалдыру',
  replyTo: '{name} пікіріне жауап қалдыру',
  cancelReply: 'Жауапты болдырмау',
  emailNote: 'Электрондық пошта мекенжайыңыз жарияланбайды.',
  requiredNote: 'Міндетті өрістер * белгісімен белгіленген',
  comment: 'Пікір',
  name: 'Аты',
  email: 'Электрондық пошта',
  website: 'Веб-сайт',
  submit: 'Пікірді жіберу',
  posting: 'Пікіріңіз жіберілуде…',
  posted: 'Пікіріңіз жарияланды.',

  errorComment: 'Пікір бос болмауы керек.',
  errorName: 'Атыңызды жазыңыз.',
  errorEmail: 'Дұрыс электрондық пошта мекенжайын жазыңыз.',
  errorWebsite: 'Сайт мекенжайы http:// немесе https:// деп басталуы керек.',
  errorFields: 'Белгіленген өрістерді түзетіп, қайталап көріңіз.',
  errorNetwork:
    'Пікірлер серверіне қосылу мүмкін болмады. Байланысыңызды тексеріп, қайталап көріңіз.',
  errorOrigin:
    'Бұл бет ({origin}) осы пікірлерді көрсете алмайды: пікірлер серверінің әкімшісі оны {setting} тізіміне қоса алады.',
  errorRateLimited: 'Пікірлерді тым жиі жіберіп жатырсыз. Бір минут күтіп, қайталап көріңіз.',
  errorDuplicate: 'Сіз мұны бұрын жазған сияқтысыз.',
  errorTooLarge: 'Пікіріңіз тым ұзын.',
  errorOther: 'Пікіріңізді жіберу мүмкін болмады. Кейінірек қайталап көріңіз.',

  sortLabel: 'Пікірлерді сұрыптау',
  oldestFirst: 'Алдымен ескілері',
  newestFirst: 'Алдымен жаңалары',
  bestFirst: 'Алдымен ұнағандары',
  newComments: { one: '{count} жаңа пікір', other: '{count} жаңа пікір' },
  loadMore: 'Тағы пікір жүктеу',

  like: 'Ұнайды',
  likes: { one: '{count} ұнату', other: '{count} ұнату' },
  likeFailed: '«Ұнайды» белгісі сақталмады. Кейінірек қайталап көріңіз.',

  edit: 'Өңдеу',
  delete: 'Жою',
  editLabel: 'Пікіріңізді өңдеу',
  save: 'Сақтау',
  cancel: 'Бас тарту',
  confirmDelete: 'Бұл пікірді жою керек пе?',
  yes: 'Иә',
  no: 'Жоқ',
  errorEditClosed: 'Бұл пікірді өңдеу не жою уақыты өтіп кетті.',
  errorForbidden: 'Бұл пікірді тек ол жіберілген браузерден өзгертуге болады.',
  errorGone: 'Бұл пікір енді жоқ.',
  errorChange: 'Пікірді өзгерту мүмкін болмады. Кейінірек қайталап көріңіз.',

  write: 'Жазу',
  preview: 'Алдын ала қарау',
  previewEmpty: 'Көрсететін ештеңе жоқ.',
  previewFailed: 'Алдын ала қарауды көрсету мүмкін болмады.',
  remember: 'Келесі пікірім үшін атымды, электрондық поштамды және сайтымды осы браузерде сақтау.',
  notify: 'Жаңа пікірлер туралы маған электрондық пошта арқылы хабарлаңыз.',
  verifyEmail: 'Мекенжайымды растау',
  verifySent: 'Сілтеме {email} мекенжайына жіберілді: мекенжайыңызды растау үшін оны ашыңыз.',
  verifyFailed: 'Хат жіберілмеді. Кейінірек қайталап көріңіз.',
  verifiedNow: 'Электрондық пошта мекенжайыңыз расталды.',
};

export default kk;

/** Chromium has no Kazakh calendar (its Intl writes "2016 M05 31 06:24"): this is CLDR's, in every browser. */
export const written: Written = {
  tags: ['kk', 'kk-KZ', 'kk-Cyrl', 'kk-Cyrl-KZ'],
  months: 'қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан',
  date: '{y} ж. {d} {M}, {HH}:{mm}',
  group: '\u00a0',
  plural: (n) => (n === 1 ? 'one' : 'other'),
};
