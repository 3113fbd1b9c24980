import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from './wait.js';
import '../../widget/embed.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { formRoot, longThread, seed, servers, settled, uniquePage } from './support.js';
import { watchShifts } from './watch-shifts.js';

describe('<confab-comments> moves nothing the reader sees', () => {
  afterEach(() => scrollTo(0, 0));

  it('when the reader scrolls down to comments below the fold and they load', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Loaded on the way down.' });
    const article = await fixture<HTMLElement>(html`<article>
      <div style="block-size: ${3 * innerHeight}px">The article.</div>
      <confab-comments page=${page} server=${servers.open}></confab-comments>
      <footer style="block-size: ${innerHeight}px">The site’s footer.</footer>
    </article>`);
    const el = article.querySelector<ConfabComments>('confab-comments')!;
    const shifts = watchShifts();
    // A brisk reader: two and a half screens a second, the thread loading a screen ahead of them.
    for (let y = 0; y <= 4 * innerHeight; y += innerHeight / 4) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitUntil(() => el.shadowRoot!.querySelector('confab-comment'), 'the thread never came');
    await settled(el);
    expect(await shifts.unprompted()).to.deep.equal([]);
    shifts.stop();
  });

  it('when a long thread in view as the page opens arrives and draws, a slice at a time', async () => {
    const page = uniquePage();
    await longThread(page, 30);
    const shifts = watchShifts();
    const article = await fixture<HTMLElement>(html`<article>
      <p style="block-size: ${innerHeight / 3}px">The article’s lead.</p>
      <confab-comments page=${page} server=${servers.open}></confab-comments>
      <p style="block-size: ${2 * innerHeight}px">The rest of the article.</p>
    </article>`);
    const el = article.querySelector<ConfabComments>('confab-comments')!;
    await waitUntil(() => el.shadowRoot!.querySelector('confab-comment'), 'the thread never came');
    await settled(el);

    expect(el.shadowRoot!.querySelectorAll('confab-comment')).to.have.length(40);
    expect(await shifts.unprompted()).to.deep.equal([]);
    shifts.stop();
  });

  it('when the reader posts a comment', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Already here.' });
    const el = await fixture<ConfabComments>(
      html`<confab-comments page=${page} server=${servers.open} loading="eager"></confab-comments>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('confab-comment'), 'the thread never came');
    await settled(el);
    const form = formRoot(el);
    for (const [id, value] of Object.entries({
      comment: 'Posted without moving the page.',
      name: 'Ann',
      email: 'ann@example.com',
    }))
      form.querySelector<HTMLInputElement>(`#${id}`)!.value = value;
    const shifts = watchShifts();
    // Pressed from the keyboard, as a reader does: input the browser trusts, which CLS leaves to the reader.
    form.querySelector<HTMLButtonElement>('[part~="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => el.shadowRoot!.querySelectorAll('confab-comment').length === 2,
      'the comment never appeared',
      { timeout: 10_000 },
    );
    await settled(el);
    expect(await shifts.unprompted()).to.deep.equal([]);
    shifts.stop();
  });
});
