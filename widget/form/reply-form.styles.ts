import { css } from 'lit';
import { styles as commentStyles } from '../comment/comment.styles.js';
import { base } from '../styles/tokens.js';
import { formStyles } from '../thread/reader.styles.js';

// Inside the thread: the tokens come from <confab-comments>, inherited.
export const styles = [
  base,
  css`
    h2 {
      font-size: calc(var(--_heading) * 5 / 6);
      margin: 0 0 0.5em;
    }
    p {
      margin: 0 0 1em;
    }
    [part='note'] {
      color: var(--_muted);
      font-size: var(--_small);
    }
    label {
      display: block;
      margin-block-end: 0.25em;
    }
    input,
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      padding: 0.5em;
      font: inherit;
      border-radius: var(--_radius);
      color: var(--_field-fg);
      background: var(--_field-bg);
      border: 1px solid var(--_field-border);
    }
    textarea {
      resize: vertical;
    }
    [aria-invalid='true'] {
      border-color: var(--_error);
    }
    [part='field-error'],
    [part='status'].error {
      color: var(--_error);
    }
    [part='field-error'] {
      display: block;
      margin-block-start: 0.25em;
      font-size: var(--_small);
    }
    button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
  `,
  // The preview shows the server's rendering as a posted comment's body looks.
  ...commentStyles,
  formStyles,
];
