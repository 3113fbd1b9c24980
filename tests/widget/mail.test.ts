import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { readAuthor, readProof } from '../../widget/api/storage.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import type { PressedLink, ReceivedMail } from '../support/mail-commands.js';
import {
  commentEl,
  fillAndPost,
  forgetEverything,
  mountReader,
  posted,
  readerReady,
  requestsSince,
} from './reader-support.js';
import {
  formRoot,
  mount,
  type servers as openServers,
  seed,
  settled,
  TITLE,
  text,
  uniquePage,
} from './support.js';
import { waitUntil } from './wait.js';

/** The server of web-test-runner.config.mjs that sends mail, to the runner's in-process SMTP server. */
const mailServer = (window.__CONFAB_SERVERS__ as typeof openServers & { mail: string }).mail;

/** Emails reach each address once per engine: the three engines share the mail server. */
const address = (who: string) => `${who}-${crypto.randomUUID()}@example.com`;

/** The emails that reached `to`, once there are `count` of them. */
const mailTo = (to: string, count: number) =>
  executeServerCommand<ReceivedMail[], { to: string; count: number }>('confab-mail', { to, count });

/** The URL an email gives after `label` (its plain-text lines read `Label: URL`). */
function linkIn(mail: ReceivedMail, label: string): string {
  const line = mail.text.split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in:\n${mail.text}`);
  return line.slice(label.length + 2).trim();
}

/**
 * Presses the button of the page an email link opens, and returns where that page's "Back to the article"
 * link goes: the test page cannot follow the link itself without leaving the tests.
 */
async function press(link: string): Promise<string> {
  const done = await executeServerCommand<PressedLink, { url: string }>('confab-press', {
    url: link,
  });
  expect(done.status).to.equal(200);
  const page = new DOMParser().parseFromString(done.html, 'text/html');
  return page.querySelector('a')!.href;
}

const box = (el: ConfabComments, id: string) =>
  formRoot(el).querySelector<HTMLInputElement>(`input#${id}`);
const mark = (el: ConfabComments, id: number) =>
  commentEl(el, id)?.shadowRoot!.querySelector('[part="verified"]') ?? null;
const verifyButton = (el: ConfabComments) =>
  formRoot(el).querySelector<HTMLButtonElement>('[part="verify"]');
const highlighted = (el: ConfabComments, id: number) =>
  commentEl(el, id)?.shadowRoot!.querySelector('article')!.part.contains('highlighted') ?? false;

/** Opens the page again at `url`'s fragment, as following a link to it does. */
async function reopen(url: string, page: string) {
  fixtureCleanup();
  history.replaceState(null, '', new URL(url).hash);
  const el = await mountReader({ page, server: mailServer });
  await waitUntil(() => box(el, 'notify'), 'the email options never came');
  return el;
}

describe('<confab-comments> email', () => {
  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
    forgetEverything();
  });

  it('offers email options only when the server sends mail', async () => {
    const start = performance.now();
    const off = await mountReader({ page: uniquePage() });
    await waitUntil(
      () => requestsSince(start, '/api/features').some((e) => e.responseEnd > 0),
      'the mail-off server was never asked',
    );
    // Asked after the first server answered: once this one's options show, the first has drawn its answer.
    const on = await mount({ page: uniquePage(), server: mailServer });
    // Below the first thread: the reader loads once a thread is in view.
    on.scrollIntoView();
    await readerReady(on);
    await waitUntil(() => box(on, 'notify'), 'the mail server’s form never offered email');
    await settled(off);

    const labels = (el: ConfabComments) =>
      [...formRoot(el).querySelectorAll('label')].map((l) => text(l));
    expect(labels(on)).to.include('Notify me of follow-up comments by email.');
    expect(text(verifyButton(on))).to.equal('Verify my email address');
    expect(labels(off)).not.to.include('Notify me of follow-up comments by email.');
    expect(formRoot(off).querySelector('#notify, [part="verify"]')).to.equal(null);
  });

  it('subscribes through the form, and the notification’s link lands on the reply (page#comment-N)', async () => {
    const page = uniquePage();
    const email = address('sub');
    const el = await mountReader({ page, title: TITLE, server: mailServer });
    await waitUntil(() => box(el, 'notify'), 'the email options never came');
    box(el, 'notify')!.checked = true;
    box(el, 'remember')!.checked = true;
    fillAndPost(el, { name: 'Sub', email, comment: 'Tell me when someone answers.' });
    const mine = await posted(el);
    expect(readAuthor()).to.deep.include({ email, notify: true });

    const [confirm] = await mailTo(email, 1);
    expect(confirm!.subject).to.equal(`Please confirm your subscription to “${TITLE}”`);
    const back = await press(linkIn(confirm!, 'Confirm my email address'));
    expect(back).to.match(new RegExp(`^${page}#confab-proof=[\\w-]+$`));

    const { comment: reply } = await seed(
      page,
      { name: 'Bob', body: 'An answer.', parentId: mine.id },
      mailServer,
    );
    const [, notification] = await mailTo(email, 2);
    expect(notification!.subject).to.equal(`New comment by Bob on “${TITLE}”`);
    const link = linkIn(notification!, 'Read the comment');
    expect(link).to.equal(`${page}#comment-${reply.id}`);

    const landed = await reopen(link, page);
    await waitUntil(() => highlighted(landed, reply.id), 'the link never landed on the reply');
    expect(highlighted(landed, mine.id)).to.equal(false);
    // Remembered with the details: the box is ticked for the next comment.
    expect(box(landed, 'notify')!.checked).to.equal(true);
  });

  it('keeps the proof an emailed verification link brings back, and marks comments posted with it verified', async () => {
    const page = uniquePage();
    const email = address('vera');
    const el = await mountReader({ page, title: TITLE, server: mailServer });
    await waitUntil(() => box(el, 'notify'), 'the email options never came');
    const form = formRoot(el);
    form.querySelector<HTMLInputElement>('#email')!.value = email;
    verifyButton(el)!.click();
    const status = () => text(form.querySelector('.verify [role="status"]'));
    await waitUntil(() => status(), 'the form never said the email was sent');
    expect(status()).to.equal(`A link is on its way to ${email}: open it to verify your address.`);

    const [mail] = await mailTo(email, 1);
    expect(mail!.subject).to.equal('Verify your email address');
    const back = await press(linkIn(mail!, 'Verify my email address'));
    const proof = new URL(back).hash.replace('#confab-proof=', '');

    const again = await reopen(back, page);
    expect(readProof(mailServer)).to.equal(proof);
    // Kept, then taken out of the address, which a reader may bookmark or share.
    expect(location.hash).to.equal('');
    expect(text(formRoot(again).querySelector('.verify [role="status"]'))).to.equal(
      'Your email address is verified.',
    );

    fillAndPost(again, { name: 'Vera', email, comment: 'Really me.' });
    const verified = await posted(again);
    expect(verified.verified).to.equal(true);
    expect(text(mark(again, verified.id))).to.equal('Verified');
    // Someone else's address gets no mark from this browser's proof.
    fillAndPost(again, { name: 'Eve', email: address('eve'), comment: 'Not Vera.' });
    const other = await posted(again);
    expect(other.verified).to.equal(undefined);
    expect(mark(again, other.id)).to.equal(null);

    // The page can restyle the new parts as it can every other.
    const style = document.createElement('style');
    style.textContent = ['verified', 'notify', 'verify']
      .map((n) => `confab-comments.probed::part(${n}) { scroll-margin-top: 7px; }`)
      .join('\n');
    document.head.append(style);
    again.classList.add('probed');
    try {
      for (const node of [mark(again, verified.id), box(again, 'notify'), verifyButton(again)])
        expect(getComputedStyle(node!).scrollMarginTop).to.equal('7px');
    } finally {
      style.remove();
    }

    fixtureCleanup();
    const german = await fixture<ConfabComments>(html`<confab-comments
      page=${page} server=${mailServer} lang="de"
    ></confab-comments>`);
    await waitUntil(() => mark(german, verified.id), 'the German thread never showed the comment');
    expect(text(mark(german, verified.id))).to.equal('Bestätigt');
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
