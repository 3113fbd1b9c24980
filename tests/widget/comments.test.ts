import { expect } from '@open-wc/testing';
import { createFormat } from '../../widget/i18n/format.js';
import {
  $,
  commentRoots,
  mount,
  seed,
  servers,
  settled,
  TITLE,
  text,
  uniquePage,
  unreachable,
} from './support.js';
import { waitUntil } from './wait.js';
import { watchIntl } from './watch-intl.js';

describe('<confab-comments>', () => {
  it('says "No thoughts yet on “Title”" and shows no list for an empty thread', async () => {
    const el = await mount({ page: uniquePage(), title: TITLE });
    expect(text($(el, '[part="heading"]'))).to.equal(`No thoughts yet on “${TITLE}”`);
    expect($(el, 'ol')).to.equal(null);
  });

  it('says "One thought on “Title”" for one comment', async () => {
    const page = uniquePage();
    await seed(page);
    const el = await mount({ page, title: TITLE });
    expect(text($(el, '[part="heading"]'))).to.equal(`One thought on “${TITLE}”`);
    expect(commentRoots(el)).to.have.length(1);
  });

  it('says "3 thoughts on …" and nests a reply under its parent', async () => {
    const page = uniquePage();
    const first = await seed(page, { name: 'Ann', body: 'First' });
    await seed(page, { name: 'Bob', body: 'Second' });
    await seed(page, { name: 'Cy', body: 'Reply to Ann', parentId: first.comment.id });
    const el = await mount({ page, title: TITLE });

    expect(text($(el, '[part="heading"]'))).to.equal(`3 thoughts on “${TITLE}”`);
    const top = el.shadowRoot!.querySelectorAll('ol[part="list"] > li');
    expect(top).to.have.length(2);
    const replies = top[0]!.querySelectorAll(':scope > ol[part="replies"] > li > confab-comment');
    expect(replies).to.have.length(1);
    expect(text(replies[0]!.shadowRoot!.querySelector('[part="body"]'))).to.equal('Reply to Ann');
    expect(top[1]!.querySelector('ol')).to.equal(null);
  });

  it('links the author to their website with rel="nofollow ugc noopener", and not without one', async () => {
    const page = uniquePage();
    await seed(page, { name: 'Linked', website: 'https://linked.example/' });
    await seed(page, { name: 'Plain' });
    const [linked, plain] = commentRoots(await mount({ page }));

    const link = linked!.querySelector<HTMLAnchorElement>('[part="author"] a')!;
    expect(link.textContent).to.equal('Linked');
    expect(link.getAttribute('href')).to.equal('https://linked.example/');
    expect(link.getAttribute('rel')).to.equal('nofollow ugc noopener');
    expect(text(plain!.querySelector('[part="author"]'))).to.equal('Plain');
    expect(plain!.querySelector('[part="author"] a')).to.equal(null);
  });

  it('shows each comment as an article with avatar, a permalinked <time> in the reader’s locale, and the body', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'Hello *there*' });
    const [root] = commentRoots(await mount({ page }));

    const article = root!.querySelector('article[part="comment"]')!;
    expect(article.id).to.equal(`comment-${comment.id}`);
    expect(article.querySelector('svg[part="avatar"]')!.getAttribute('aria-hidden')).to.equal(
      'true',
    );
    const time = article.querySelector('time[part="time"]')!;
    expect(time.getAttribute('datetime')).to.equal(comment.createdAt);
    expect(time.textContent).to.equal(createFormat().dateTime(comment.createdAt));
    expect(time.textContent).to.match(/^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [ap]m$/);
    expect(time.closest('a')!.getAttribute('href')).to.equal(`#comment-${comment.id}`);
    expect(article.querySelector('[part="body"] em')!.textContent).to.equal('there');
  });

  it('writes times in the language of its lang attribute', async () => {
    const page = uniquePage();
    const { comment } = await seed(page);
    const el = await mount({ page });
    el.setAttribute('lang', 'en-GB');
    await settled(el);
    const time = commentRoots(el)[0]!.querySelector('time')!;
    expect(time.textContent).to.equal(createFormat('en-GB').dateTime(comment.createdAt));
    expect(time.textContent).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
  });

  it('draws an English thread, its dates and its count, without constructing an Intl format', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'Dated without Intl.' });
    await seed(page, { body: 'A reply.', parentId: comment.id });
    const intl = watchIntl();
    const el = await mount({ page, title: TITLE }).finally(intl.restore);
    expect(intl.made).to.deep.equal([]);
    expect(text($(el, '[part~="heading"]'))).to.equal(`2 thoughts on “${TITLE}”`);
    expect(text(commentRoots(el)[1]!.querySelector('time'))).to.match(
      /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [ap]m$/,
    );
  });

  it('shows raw HTML in a comment as text and runs none of it', async () => {
    const page = uniquePage();
    const attack = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">';
    await seed(page, { body: attack });
    const el = await mount({ page });
    const body = commentRoots(el)[0]!.querySelector('[part="body"]')!;

    expect(text(body)).to.equal(attack);
    expect(body.querySelector('script, img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('loads the thread with one request, beside the one that says whether the form offers email', async () => {
    const page = uniquePage();
    await seed(page);
    const seen = spyOnFetch();
    try {
      await mount({ page });
    } finally {
      seen.restore();
    }
    expect([...seen.urls].sort()).to.deep.equal([
      `${servers.open}/api/features`,
      `${servers.open}/api/threads?${new URLSearchParams({ url: page, sort: 'oldest' })}`,
    ]);
  });

  it('takes the thread from the canonical link and the title from og:title when not given', async () => {
    const page = uniquePage();
    await seed(page);
    const head = document.head;
    const canonical = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: `${page}#ignored`,
    });
    const og = Object.assign(document.createElement('meta'), { content: 'From og:title' });
    og.setAttribute('property', 'og:title');
    head.append(canonical, og);
    try {
      const el = await mount();
      expect(text($(el, '[part="heading"]'))).to.equal('One thought on “From og:title”');
    } finally {
      canonical.remove();
      og.remove();
    }
  });

  it('loads the new thread when its page attribute changes', async () => {
    const [a, b] = [uniquePage(), uniquePage()];
    await seed(b);
    const el = await mount({ page: a, title: TITLE });
    el.setAttribute('page', b);
    await settled(el);
    await waitForText(el, `One thought on “${TITLE}”`);
  });

  it('says the comments could not be loaded and offers Retry, which tries again', async () => {
    const seen = spyOnFetch();
    try {
      const el = await mount({ page: uniquePage(), server: unreachable });
      const error = $(el, '[part="load-error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.contain('could not be reached');
      // Firefox refuses the unreachable port before the next render: held, the retry shows its state.
      let release!: () => void;
      seen.hold(new Promise((resolve) => (release = resolve)));
      $(el, 'button[part="retry"]')!.click();
      await settled(el);
      expect(text($(el, '[part="loading"]'))).to.equal('Loading comments…');
      release();
      await waitForText(el, 'could not be reached');
      expect(seen.urls.filter((url) => url.includes('api/threads'))).to.have.length(2);
    } finally {
      seen.restore();
    }
  });

  it('shows the form beside an error that came before the form’s code was asked for', async () => {
    // A refused connection can fail the thread's request within the task that made it, before the widget
    // asks for the reader chunk (the form) in the next one.
    const real = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('api/threads'))
        throw new TypeError('Failed to fetch');
      return real(input, init);
    };
    const el = document.createElement('confab-comments');
    el.setAttribute('page', uniquePage());
    el.setAttribute('server', servers.open);
    el.setAttribute('loading', 'eager');
    const alone: boolean[] = [];
    try {
      document.body.append(el);
      // Every state the page could paint: the error never shows without the form.
      new MutationObserver(() => {
        if ($(el, '[part="load-error"]')) alone.push(!$(el, 'confab-reply-form'));
      }).observe(el.shadowRoot!, { childList: true, subtree: true });
      await waitUntil(() => $(el, '[part="load-error"]'), 'the thread never failed');
      await settled(el);
      expect(alone).to.not.include(true);
      expect($(el, 'confab-reply-form')).to.exist;
    } finally {
      window.fetch = real;
      el.remove();
    }
  });

  it('tolerates the bundle being loaded twice', async () => {
    const again = '../../widget/embed.ts?again';
    await import(again);
    const el = await mount({ page: uniquePage(), title: TITLE });
    expect(text($(el, '[part="heading"]'))).to.equal(`No thoughts yet on “${TITLE}”`);
  });

  it('passes an axe accessibility check with comments and the form', async () => {
    const page = uniquePage();
    const first = await seed(page, { website: 'https://bonnie.example/' });
    await seed(page, { name: 'Cy', parentId: first.comment.id });
    const el = await mount({ page, title: TITLE });
    await expect(el).to.be.accessible();
  });
});

/** Records the URLs fetched; while `hold` is set, each request waits for it first, as on a slow network. */
function spyOnFetch() {
  const real = window.fetch;
  const urls: string[] = [];
  let held: Promise<void> | undefined;
  window.fetch = async (input, init) => {
    urls.push(input instanceof Request ? input.url : String(input));
    await held;
    return real(input, init);
  };
  return {
    urls,
    hold: (until: Promise<void>) => void (held = until),
    restore: () => void (window.fetch = real),
  };
}

async function waitForText(el: Element, wanted: string) {
  await waitUntil(() => text(el.shadowRoot).includes(wanted), `never showed "${wanted}"`);
}
