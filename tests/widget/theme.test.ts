import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { embed, post, readerLoaded } from './embed-fixtures.js';
import { CAN_EMULATE_MEDIA } from './media.js';
import { $, commentRoots, formRoot, inComments, seed, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

/** A block of page standing in for the publisher's, styled through the CSSOM like a stylesheet would. */
async function pageBlock(style: Partial<CSSStyleDeclaration>) {
  const block = await fixture<HTMLDivElement>(html`<div></div>`);
  Object.assign(block.style, style);
  return block;
}

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()`/`color(srgb …)` colour. */
function luminance(color: string) {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = [...probe.getImageData(0, 0, 1, 1).data].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** What a colour expression (a private token) computes to inside `root`. */
function resolved(root: ShadowRoot, color: string) {
  const probe = document.createElement('span');
  probe.style.color = color;
  root.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** The colours a theme decides (the text colour comes from the page either way). */
function palette(el: ConfabComments) {
  const form = formRoot(el);
  const textarea = getComputedStyle(form.querySelector('textarea')!);
  const submit = getComputedStyle(form.querySelector('[part~="submit"]')!);
  return {
    fieldBackground: textarea.backgroundColor,
    fieldText: textarea.color,
    buttonBackground: submit.backgroundColor,
    buttonText: submit.color,
    error: resolved(form, 'var(--_error)'),
    scheme: getComputedStyle(el).colorScheme,
  };
}

describe('theming', () => {
  it('draws dark fields and a light button with theme="dark", and the opposite with theme="light"', async () => {
    const page = uniquePage();
    const light = palette(
      await embed({ page, theme: 'light' }, await pageBlock({ background: '#fff', color: '#222' })),
    );
    const dark = palette(
      await embed(
        { page, theme: 'dark' },
        await pageBlock({ background: '#16181d', color: '#e6e6e6' }),
      ),
    );

    expect(light.scheme).to.equal('light');
    expect(dark.scheme).to.equal('dark');
    expect(luminance(light.fieldBackground)).to.be.above(0.8);
    expect(luminance(dark.fieldBackground)).to.be.below(0.05);
    expect(luminance(dark.fieldText)).to.be.above(0.8);
    expect(luminance(light.buttonBackground)).to.be.below(0.05);
    expect(luminance(dark.buttonBackground)).to.be.above(0.8);
    // Both error reds keep 4.5:1 against their page: darker on light, lighter on dark.
    expect(luminance(light.error)).to.be.below(0.15);
    expect(luminance(dark.error)).to.be.above(0.3);
  });

  it('follows the page’s color-scheme when its theme is auto or unset', async () => {
    const page = uniquePage();
    const onDark = await pageBlock({ colorScheme: 'dark', background: '#111', color: '#eee' });
    const unset = await embed({ page }, onDark);
    const auto = await embed({ page, theme: 'auto' }, onDark);
    const onLight = await embed({ page }, await pageBlock({ colorScheme: 'light' }));
    for (const el of [unset, auto])
      expect(luminance(palette(el).fieldBackground)).to.be.below(0.05);
    expect(luminance(palette(onLight).fieldBackground)).to.be.above(0.8);
  });

  it('follows the reader’s prefers-color-scheme on a page that declares color-scheme: light dark', async () => {
    const el = await embed({ page: uniquePage() }, await pageBlock({ colorScheme: 'light dark' }));
    if (!CAN_EMULATE_MEDIA) {
      // Firefox and WebKit: the preference cannot be emulated here, so this follows the engine's own.
      const background = luminance(palette(el).fieldBackground);
      if (matchMedia('(prefers-color-scheme: dark)').matches) expect(background).to.be.below(0.05);
      else expect(background).to.be.above(0.8);
      return;
    }
    try {
      await emulateMedia({ colorScheme: 'dark' });
      expect(luminance(palette(el).fieldBackground)).to.be.below(0.05);
      await emulateMedia({ colorScheme: 'light' });
      expect(luminance(palette(el).fieldBackground)).to.be.above(0.8);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('inherits the page’s font and text colour', async () => {
    const block = await pageBlock({
      fontFamily: 'Georgia, serif',
      fontSize: '19px',
      color: 'rgb(40, 30, 20)',
    });
    const el = await embed({ page: uniquePage() }, block);
    const heading = getComputedStyle($(el, '[part~="heading"]')!);
    expect(heading.fontFamily).to.equal('Georgia, serif');
    expect(heading.color).to.equal('rgb(40, 30, 20)');
    const label = getComputedStyle(formRoot(el).querySelector('label')!);
    expect([label.fontFamily, label.fontSize, label.color]).to.deep.equal([
      'Georgia, serif',
      '19px',
      'rgb(40, 30, 20)',
    ]);
  });

  it('takes --confab-* custom properties and page CSS on ::part(comment) from the page', async () => {
    const page = uniquePage();
    await seed(page, { name: 'Styled' });
    const style = document.createElement('style');
    style.textContent = `
      confab-comments.restyled {
        --confab-font: 15px/1.4 "Courier New", monospace;
        --confab-button-background: rgb(107, 47, 179);
        --confab-button-color: rgb(255, 255, 255);
        --confab-radius: 12px;
        --confab-avatar-size: 48px;
      }
      confab-comments.restyled::part(comment) { background-color: rgb(255, 250, 230); padding: 16px; }
      confab-comments.restyled::part(author) { color: rgb(107, 47, 179); }`;
    document.head.append(style);
    try {
      const block = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = await embed({ page, class: 'restyled' }, block);
      const [comment] = commentRoots(el);
      const article = getComputedStyle(comment!.querySelector('[part~="comment"]')!);
      expect([article.backgroundColor, article.paddingTop]).to.deep.equal([
        'rgb(255, 250, 230)',
        '16px',
      ]);
      expect(getComputedStyle(comment!.querySelector('[part~="author"]')!).color).to.equal(
        'rgb(107, 47, 179)',
      );
      expect(getComputedStyle(comment!.querySelector('[part~="avatar"]')!).width).to.equal('48px');
      const submit = getComputedStyle(formRoot(el).querySelector('[part~="submit"]')!);
      expect([
        submit.backgroundColor,
        submit.color,
        submit.borderTopLeftRadius,
        submit.fontFamily,
      ]).to.deep.equal([
        'rgb(107, 47, 179)',
        'rgb(255, 255, 255)',
        '12px',
        '"Courier New", monospace',
      ]);
    } finally {
      style.remove();
    }
  });

  it('lets the page reach every part inside the widget with ::part()', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { website: 'https://a.example/' });
    await seed(page, { name: 'Second', parentId: comment.id, body: 'A reply' });
    const el = await embed({ page, class: 'probed' });
    // With the reader loaded, the form under a comment, an own comment in its editor, and the preview open.
    await readerLoaded(el);
    await post(el, { comment: 'Mine', name: 'Author', email: 'author@example.com' });
    inComments(el, '[part~="reply-button"]')[0]!.click();
    await waitUntil(
      () => formRoot(el).querySelector('[part~="cancel-reply"]'),
      'the form never moved',
    );
    inComments(el, '[part~="edit-button"]')[0]!.click();
    await waitUntil(() => inComments(el, '[part~="editor"]')[0], 'the editor never opened');
    formRoot(el).querySelector<HTMLTextAreaElement>('#comment')!.value = 'A *preview*';
    formRoot(el).querySelector<HTMLButtonElement>('#preview-tab')!.click();
    await waitUntil(() => formRoot(el).querySelector('#preview em'), 'the preview never showed');
    // Every element carrying a part, in every shadow root under the widget.
    const parted: Element[] = [];
    const walk = (root: ShadowRoot) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.hasAttribute('part')) parted.push(node);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(el.shadowRoot!);
    const names = [...new Set(parted.flatMap((n) => n.getAttribute('part')!.split(/\s+/)))];
    expect(names).to.include.members([
      'heading',
      'comment',
      'author',
      'time',
      'body',
      'avatar',
      'form',
      'textarea',
      'submit',
    ]);
    const style = document.createElement('style');
    style.textContent = names
      .map((n) => `confab-comments.probed::part(${n}) { scroll-margin-top: 7px; }`)
      .join('\n');
    document.head.append(style);
    try {
      const unreachable = parted
        .filter((n) => getComputedStyle(n).scrollMarginTop !== '7px')
        .map((n) => n.getAttribute('part'));
      expect(unreachable).to.deep.equal([]);
    } finally {
      style.remove();
    }
  });
});
