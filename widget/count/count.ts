import { LitElement, nothing } from 'lit';
import { LocaleController, type Strings } from '../i18n/locale.js';
import { countInto } from './count-batch.js';

/**
 * `<confab-count page? server?>`: "No thoughts yet", "One thought", "N thoughts" for listing pages. Every
 * count on the page is asked for in one request (count-batch.ts).
 */
export class ConfabCount extends LitElement {
  static override properties = {
    page: {},
    server: {},
    lang: {},
    strings: { type: Object },
    count: { state: true },
  };

  /** The thread's address, as for `<confab-comments>`. */
  declare page: string | undefined;
  /** The comments server; defaults to where embed.js came from. */
  declare server: string | undefined;
  /** As for `<confab-comments>`: the `headingUntitled` key words the count. */
  declare strings: Strings | undefined;
  /** Unknown until the server answers: nothing shows meanwhile, or at all if it never does. */
  declare count: number | undefined;

  readonly #locale = new LocaleController(this, () => this.strings);
  #asked = '';

  protected override updated() {
    const asking = `${this.server} ${this.page}`;
    if (asking === this.#asked) return;
    this.#asked = asking;
    countInto(this);
  }

  override render() {
    const fmt = this.#locale.fmt;
    return fmt && this.count !== undefined ? fmt.plural('headingUntitled', this.count) : nothing;
  }
}
