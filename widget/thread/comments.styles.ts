import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      /* Set while the thread arrives and draws (see ConfabComments' #reserve). */
      min-block-size: var(--_reserved);
    }
    /* As the heading that replaces it: no margin above, so the thread's top stays where it was. */
    [part='loading'] {
      margin-block-start: 0;
    }
    h2 {
      font-size: var(--_heading);
      margin: 0 0 1em;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      margin-block-end: var(--_gap);
    }
    ol ol {
      margin-block-start: var(--_gap);
      padding-inline-start: var(--_indent);
      border-inline-start: 1px solid var(--_border);
    }
    li li:last-child {
      margin-block-end: 0;
    }
    confab-reply-form,
    [part='closed'] {
      margin-block-start: calc(var(--_gap) * 2);
    }
    [part='featured'] {
      margin-block-end: calc(var(--_gap) * 2);
      border-block-end: 1px solid var(--_border);
    }
    h3 {
      font-size: 1em;
      margin: 0 0 var(--_gap);
    }
  `,
];
