import { expect, fixture, html } from '@open-wc/testing';
import de from '../../widget/i18n/de.js';
import { type Catalogue, en } from '../../widget/i18n/en.js';
import { enForm } from '../../widget/i18n/en-form.js';
import { enLater } from '../../widget/i18n/en-later.js';
import es from '../../widget/i18n/es.js';
import { addWritten, createFormat } from '../../widget/i18n/format.js';
import fr from '../../widget/i18n/fr.js';
import kk, { written as kkWritten } from '../../widget/i18n/kk.js';
import ru from '../../widget/i18n/ru.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { embed, post } from './embed-fixtures.js';
import { $, commentRoots, formRoot, seed, settled, TITLE, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const catalogues: Record<string, Catalogue> = { de, es, fr, kk, ru };
const english = { ...en, ...enForm, ...enLater };

/** A thread with `n` comments by different readers, posted in parallel. */
async function threadOf(n: number) {
  const page = uniquePage();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      seed(page, { name: `Reader ${i}`, email: `r${i}@example.com`, body: `Comment ${i}` }),
    ),
  );
  return page;
}

/** Text as shown, template whitespace collapsed but no-break spaces (French « … ») kept. */
const shown = (node: Node | null) => (node?.textContent ?? '').replace(/[ \t\n]+/g, ' ').trim();
const heading = (el: ConfabComments) => shown($(el, '[part~="heading"]'));
const formText = (el: ConfabComments, part: string) =>
  shown(formRoot(el).querySelector(`[part~="${part}"]`));
const longDate = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

describe('languages', () => {
  it('speaks German when the page’s <html lang> is de, dates included', async () => {
    const page = await threadOf(1);
    const { comments } = await (
      await fetch(`${window.__CONFAB_SERVERS__.open}/api/threads?url=${encodeURIComponent(page)}`)
    ).json();
    const root = document.documentElement;
    root.lang = 'de-DE';
    try {
      const el = await embed({ page, 'page-title': TITLE });
      expect(heading(el)).to.equal(`Ein Gedanke zu „${TITLE}“`);
      expect(formText(el, 'form-heading')).to.equal('Schreibe einen Kommentar');
      expect(formText(el, 'note')).to.equal(
        'Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert',
      );
      expect(formText(el, 'submit')).to.equal('Kommentar abschicken');
      const time = commentRoots(el)[0]!.querySelector('time')!.textContent!;
      expect(time).to.equal(longDate('de-DE', comments[0].createdAt));
      expect(time).to.match(/^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4} um \d{2}:\d{2}$/);
    } finally {
      root.lang = 'en';
    }
  });

  it('counts in Russian with one, few and many forms: 1, 2, 5 and 21 comments', async () => {
    const pages = await Promise.all([1, 2, 5, 21].map(threadOf));
    const headings = [];
    for (const page of pages)
      headings.push(heading(await embed({ page, 'page-title': TITLE, lang: 'ru' })));
    expect(headings).to.deep.equal([
      `1 комментарий к «${TITLE}»`,
      `2 комментария к «${TITLE}»`,
      `5 комментариев к «${TITLE}»`,
      `21 комментарий к «${TITLE}»`,
    ]);
  });

  it('writes Russian dates with the locale’s own “в” and says the form in Russian', async () => {
    const el = await embed({ page: await threadOf(1), lang: 'ru' });
    expect(commentRoots(el)[0]!.querySelector('time')!.textContent).to.match(
      /^\d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2}$/,
    );
    expect(formText(el, 'form-heading')).to.equal('Добавить комментарий');
    expect(formText(el, 'submit')).to.equal('Отправить комментарий');
  });

  it('says “no comments yet” in Russian for an empty thread', async () => {
    const el = await embed({ page: uniquePage(), 'page-title': TITLE, lang: 'ru' });
    expect(heading(el)).to.equal(`Пока нет комментариев к «${TITLE}»`);
  });

  it('speaks Kazakh, whose nouns stay singular after a numeral: 1 and 5 пікір', async () => {
    const [one, five] = await Promise.all([threadOf(1), threadOf(5)]);
    const el = await embed({ page: five, 'page-title': TITLE, lang: 'kk' });
    expect(heading(el)).to.equal(`«${TITLE}» жазбасына 5 пікір`);
    expect(heading(await embed({ page: one, 'page-title': TITLE, lang: 'kk-KZ' }))).to.equal(
      `«${TITLE}» жазбасына бір пікір`,
    );
    expect(formText(el, 'form-heading')).to.equal('Пікір қалдыру');
    expect(formText(el, 'submit')).to.equal('Пікірді жіберу');
    expect(commentRoots(el)[0]!.querySelector('time')!.textContent).to.match(
      /^\d{4} ж\. \d{1,2} [а-яәғқңөұүһі]+, \d{2}:\d{2}$/,
    );
  });

  it('writes Kazakh dates as CLDR does even where the browser lacks Kazakh calendar data', () => {
    // Chromium's Intl knows the tag but not the month names: it writes "2016 M05 31 06:24", and "1,234".
    addWritten(kkWritten);
    const fmt = createFormat('kk', kk);
    expect(fmt.dateTime('2016-05-31T06:24:00.000Z')).to.equal('2016 ж. 31 мамыр, 06:24');
    expect(fmt.plural('headingUntitled', 1234)).to.equal('1\u00a0234 пікір');
  });

  it('writes Kazakh in Cyrillic with its own letters, never Latin look-alikes', () => {
    const strings = Object.values(kk).flatMap((m) =>
      typeof m === 'string' ? [m] : Object.values(m),
    );
    for (const s of strings) {
      const words = s.replace(/\{\w+\}|https?:\/\//g, '');
      expect(words, s).to.not.match(/[A-Za-z]/);
    }
    expect(strings.join(' ')).to.match(/[әғқңөұүі]/);
  });

  it('speaks French and Spanish from their catalogues', async () => {
    const page = await threadOf(2);
    const french = await embed({ page, 'page-title': TITLE, lang: 'fr' });
    expect(heading(french)).to.equal(`2 réflexions sur «\u00a0${TITLE}\u00a0»`);
    expect(formText(french, 'form-heading')).to.equal('Laisser un commentaire');
    const spanish = await embed({ page, 'page-title': TITLE, lang: 'es-MX' });
    expect(heading(spanish)).to.equal(`2 comentarios en «${TITLE}»`);
    expect(formText(spanish, 'form-heading')).to.equal('Deja una respuesta');
  });

  it('gives every catalogue each English key with the same placeholders', () => {
    const placeholders = (m: unknown) =>
      JSON.stringify(m)
        .match(/\{\w+\}/g)
        ?.sort() ?? [];
    const forms = (m: unknown) => (typeof m === 'string' ? [m] : Object.values(m as object));
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), lang).to.deep.equal(Object.keys(english).sort());
      for (const [key, message] of Object.entries(english)) {
        const theirs = catalogue[key as keyof Catalogue];
        const wanted = new Set(placeholders(forms(message).at(-1)));
        // A plural form may spell the number out ("Ein Gedanke"), but the `other` form carries every placeholder.
        const other = typeof theirs === 'string' ? theirs : theirs.other;
        expect(new Set(placeholders(other)), `${lang}.${key}`).to.deep.equal(wanted);
      }
    }
  });

  it('follows its own lang attribute over the page’s and switches when it changes', async () => {
    const el = await embed({ page: await threadOf(2), 'page-title': TITLE, lang: 'de' });
    expect(heading(el)).to.equal(`2 Gedanken zu „${TITLE}“`);
    el.setAttribute('lang', 'ru');
    await waitUntil(() => heading(el).startsWith('2 комментария'), 'it never switched to Russian');
    el.removeAttribute('lang');
    await waitUntil(
      () => heading(el) === `2 thoughts on “${TITLE}”`,
      'it never fell back to the page’s English',
    );
  });

  it('takes the language from the nearest ancestor with a lang attribute', async () => {
    const section = await fixture<HTMLElement>(html`<section lang="fr"></section>`);
    const el = await embed({ page: uniquePage(), 'page-title': TITLE }, section);
    expect(heading(el)).to.equal(`Pas encore de réflexion sur «\u00a0${TITLE}\u00a0»`);
  });

  it('writes a language it has no catalogue for in English, dates included, and survives a malformed tag', async () => {
    const page = await threadOf(1);
    for (const lang of ['ja', 'not a tag!']) {
      const el = await embed({ page, 'page-title': TITLE, lang });
      expect(heading(el), lang).to.equal(`One thought on “${TITLE}”`);
      expect(commentRoots(el)[0]!.querySelector('time')!.textContent, lang).to.match(
        /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [ap]m$/,
      );
    }
  });

  it('lets the publisher reword any string with the strings attribute, plurals included', async () => {
    const strings = {
      formHeading: 'Join the discussion',
      heading: { one: 'One reader wrote in', other: '{count} readers wrote in' },
    };
    const el = await embed({ page: await threadOf(2), strings: JSON.stringify(strings) });
    expect(heading(el)).to.equal('2 readers wrote in');
    expect(formText(el, 'form-heading')).to.equal('Join the discussion');
    expect(formText(el, 'submit')).to.equal('Post Comment');
    el.strings = { ...strings, submit: 'Send' };
    await settled(el);
    expect(formText(el, 'submit')).to.equal('Send');
  });

  it('counts on <confab-count> in the page’s language, and takes strings too', async () => {
    const page = await threadOf(2);
    const server = window.__CONFAB_SERVERS__.open;
    const block = await fixture<HTMLElement>(html`<div lang="ru">
      <confab-count page=${page} server=${server}></confab-count>
      <confab-count page=${page} server=${server} lang="en" strings='{"headingUntitled":{"other":"{count} replies"}}'></confab-count>
    </div>`);
    const [russian, reworded] = [...block.querySelectorAll('confab-count')].map(
      (c) => () => shown(c.shadowRoot),
    );
    await waitUntil(() => russian!() && reworded!(), 'the counts never came');
    expect([russian!(), reworded!()]).to.deep.equal(['2 комментария', '2 replies']);
  });

  it('lays publisher strings over a translation', async () => {
    const el = await embed({ page: uniquePage(), lang: 'de', strings: '{"submit":"Absenden"}' });
    expect(formText(el, 'submit')).to.equal('Absenden');
    expect(formText(el, 'form-heading')).to.equal('Schreibe einen Kommentar');
  });

  it('tells a German reader what is wrong with a field in German', async () => {
    const el = await embed({ page: uniquePage(), lang: 'de' });
    const form = formRoot(el);
    form.querySelector('form')!.noValidate = true;
    await post(el, { comment: 'Hallo', name: 'Leser', email: 'keine-adresse' });
    expect(text(form.querySelector('#email-error'))).to.equal(
      'Bitte gib eine gültige E-Mail-Adresse an.',
    );
    expect(text(form.querySelector('[part~="status"]'))).to.equal(
      'Bitte korrigiere die markierten Felder und versuche es erneut.',
    );
  });
});
