import { css } from 'lit';

/**
 * Theme tokens. A page sets `--confab-*` anywhere above the widget; every default comes from the page
 * itself (its font, its text colour, the system Canvas pair), so the widget looks native without setup.
 * Elements read only the private `--_*` copies, which hold the page value or the default. Also the
 * base look every element shares (links, buttons, focus ring).
 */
export const tokens = css`
  :host {
    --_font: var(--confab-font, inherit);
    --_color: var(--confab-color, inherit);
    --_muted: var(--confab-muted-color, color-mix(in srgb, currentColor 70%, transparent));
    --_link: var(--confab-link-color, currentColor);
    --_border: var(--confab-border-color, color-mix(in srgb, currentColor 30%, transparent));
    --_error: var(--confab-error-color, color-mix(in srgb, #d00000 70%, currentColor));
    --_field-bg: var(--confab-field-background, Canvas);
    --_field-fg: var(--confab-field-color, CanvasText);
    --_button-bg: var(--confab-button-background, CanvasText);
    --_button-fg: var(--confab-button-color, Canvas);
    --_radius: var(--confab-radius, 0.25em);
    --_gap: var(--confab-gap, 1.5em);
    --_avatar: var(--confab-avatar-size, 2.75em);
    --_indent: var(--confab-indent, 1.5em);
    display: block;
    font: var(--_font);
    color: var(--_color);
  }
  :host([hidden]) {
    display: none;
  }
  a {
    color: var(--_link);
  }
  button {
    padding: 0.6em 1.2em;
    font: inherit;
    color: var(--_button-fg);
    background: var(--_button-bg);
    border: 1px solid var(--_button-bg);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_link);
    outline-offset: 2px;
  }
`;
