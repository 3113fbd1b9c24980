import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Catalogue, en, type Messages } from './en.js';
import { addWritten, createFormat, type Format, type Formatted, type Written } from './format.js';

/** Publisher wording for any key, in the page's language; a plural key takes a whole plural message. */
export type Strings = Partial<Catalogue>;

/**
 * English ships inside embed.js; every other language is a chunk of its own, fetched only by pages in
 * that language (one extra request, in parallel with the thread's).
 */
const catalogues: Record<string, () => Promise<{ default: Catalogue; written: Written }>> = {
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  kk: () => import('./kk.js'),
  ru: () => import('./ru.js'),
};

/**
 * The host's language: its own `lang`, else the nearest ancestor's (usually the page's `<html lang>`),
 * else English. A language without a catalogue is written in English, dates included, so a sentence never
 * mixes two languages. `fmt` stays null until the language has arrived: the host renders nothing rather
 * than flash English.
 */
export class LocaleController implements ReactiveController {
  fmt: Format | null = null;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #strings: () => Strings | undefined;
  #tag = '';
  #applied: Strings | undefined;
  #arrived: Promise<void> = Promise.resolve();
  /** A server's rendering's formats, for the format of its language (see `hydrateWith`). */
  #known: Formatted | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, strings: () => Strings | undefined) {
    this.#host = host;
    this.#strings = strings;
    host.addController(this);
  }

  hostUpdate() {
    void this.ready();
  }

  /**
   * The server rendered the host in its language with these dates, counts and plurals: the format made next
   * answers them as the server did, so hydration asks Intl for nothing. A page's first Intl format loads the
   * browser's locale data, one task of 60–200 ms at 4× CPU that no step can split, which a server-rendered
   * thread need not cost its page; it is paid when a new comment or count first needs a format.
   */
  hydrateWith(known: Formatted) {
    this.#known = known;
  }

  /**
   * Resolves once the host's language is here. A server-rendered thread waits for it before hydrating:
   * its first render must say what the server's said.
   */
  ready(): Promise<void> {
    const strings = this.#strings();
    let tag: string;
    try {
      // Canonical case ("de-AT"); a malformed tag would make every Intl call throw.
      tag =
        Intl.getCanonicalLocales(this.#host.closest('[lang]')?.getAttribute('lang') || 'en')[0] ??
        'en';
    } catch {
      tag = 'en';
    }
    if (tag === this.#tag && strings === this.#applied) return this.#arrived;
    this.#tag = tag;
    this.#applied = strings;
    // Canonical subtags are lower case, so no language can name an Object.prototype member.
    const language = tag.split('-')[0]!;
    const use = (catalogue: Messages, locale: string) => {
      this.fmt = createFormat(locale, { ...catalogue, ...strings }, this.#known);
      // The server's answers are for its language: a later change of language formats anew.
      this.#known = undefined;
    };
    const load = loadCatalogue(language);
    if (!load) {
      use(en, language === 'en' ? tag : 'en');
      this.#arrived = Promise.resolve();
      return this.#arrived;
    }
    this.#arrived = load
      // Without its chunk (offline, blocked) the widget still works, in English.
      .then(
        (m) => {
          addWritten(m.written);
          return [m.default, tag] as const;
        },
        () => [en, 'en'] as const,
      )
      .then(([catalogue, locale]) => {
        // Another language may have been asked for while this one was on its way.
        if (tag !== this.#tag || strings !== this.#applied) return;
        use(catalogue, locale);
        this.#host.requestUpdate();
      });
    return this.#arrived;
  }
}

/** A language's catalogue, or undefined for English (in the bundle) and languages without one. */
export function loadCatalogue(language: string) {
  return catalogues[language]?.();
}
