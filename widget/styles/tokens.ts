import { css } from 'lit';

/** The base look every element shares: links, buttons, the focus ring, reduced motion. */
export const base = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  a {
    color: var(--_link);
  }
  button {
    min-block-size: 24px;
    min-inline-size: 24px;
    padding: 0.6em 1.2em;
    font: inherit;
    color: var(--_button-fg);
    background: var(--_button-bg);
    border: 1px solid var(--_button-bg);
    border-radius: var(--_radius);
    cursor: pointer;
    transition: opacity 0.15s;
  }
  button:hover {
    opacity: 0.85;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    ::before,
    ::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;

/**
 * Theme tokens. A page sets `--confab-*` anywhere above the widget; every default comes from the page
 * itself (its font, its text colour, the system Canvas pair), so the widget looks native without setup.
 * Elements read only the private `--_*` copies, which hold the page value or the default; they are
 * defined once, on the outer element, and the elements inside it inherit them (custom properties cross
 * shadow roots), so a server-rendered thread does not repeat them in every comment's styles.
 *
 * `theme` says what lies behind the widget. Without it (or `auto`) the widget takes the page's own
 * `color-scheme`, which follows the reader's `prefers-color-scheme` when the page declares `light dark`;
 * a page that declares nothing is light, as the browser draws it. `light` and `dark` pin the scheme. The
 * scheme picks the system colours (Canvas, CanvasText) and each `light-dark()` pair below.
 *
 * Muted text and borders are mixed from the text colour, so they keep their contrast on whatever
 * background the page has; a field's outline stays at least 3:1 against it (WCAG 1.4.11). Every button,
 * even one drawn as a link, is at least 24 by 24 CSS pixels (WCAG 2.5.8). (Comments
 * live out here: the CSS text ships as written.)
 */
export const tokens = css`
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host {
    --_font: var(--confab-font, inherit);
    --_color: var(--confab-color, inherit);
    --_muted: var(--confab-muted-color, color-mix(in srgb, currentColor 72%, transparent));
    --_link: var(--confab-link-color, currentColor);
    --_border: var(--confab-border-color, color-mix(in srgb, currentColor 25%, transparent));
    --_field-border: var(--confab-field-border-color, color-mix(in srgb, currentColor 60%, transparent));
    --_error: var(--confab-error-color, light-dark(#c00000, #ff8a80));
    --_focus: var(--confab-focus-color, var(--_link));
    --_field-bg: var(--confab-field-background, Canvas);
    --_field-fg: var(--confab-field-color, CanvasText);
    --_button-bg: var(--confab-button-background, CanvasText);
    --_button-fg: var(--confab-button-color, Canvas);
    --_small: var(--confab-small-font-size, 0.875em);
    --_heading: var(--confab-heading-font-size, 1.5em);
    --_radius: var(--confab-radius, 0.25em);
    --_gap: var(--confab-gap, 1.5em);
    --_avatar: var(--confab-avatar-size, 2.75em);
    --_indent: var(--confab-indent, 1.5em);
    display: block;
    font: var(--_font);
    color: var(--_color);
  }
  ${base}
`;
