import { css } from 'lit';
import { linkButton } from '../styles/link-button.js';

/** What the reader controller draws into the thread element: these load with it, not in embed.js. */
export const threadStyles = css`
  /* Five levels indent at most (the server's default depth): a deeper setting must not squeeze the text. */
  ol ol ol ol ol ol {
    padding-inline-start: 0;
  }
  .bar,
  .more {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    margin: 0 0 var(--_gap);
  }
  select {
    font: inherit;
    color: var(--_field-fg);
    background: var(--_field-bg);
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
    padding: 0.25em;
  }
  .more [role='alert'] {
    color: var(--_error);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;

/** What it draws into the form: the tabs, the preview, remember-me, the email options and the hidden honeypot. */
export const formStyles = css`
  [part='cancel-reply'] {
    ${linkButton}
  }
  :host([previewing]) .field:has(#comment) {
    display: none;
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25em;
    margin-block-end: 0.5em;
  }
  [role='tab'] {
    padding: 0.25em 0.75em;
    color: inherit;
    background: none;
    border-color: transparent;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_field-border);
  }
  [role='tabpanel'] {
    min-block-size: 8em;
    margin-block-end: 1em;
    padding: 0.5em;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .check input {
    inline-size: auto;
  }
  .check label {
    display: inline;
  }
  .verify [role='status'] {
    margin-inline-start: 0.5em;
  }
  /* Out of sight and out of reach: only a bot filling every field finds it. */
  .hp {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
