import { css } from 'lit';
import { styles as commentStyles } from '../comment/comment.styles.js';
import { linkButton } from '../styles/link-button.js';
import { base } from '../styles/tokens.js';

/**
 * What the form draws from the reader's state (reply-form-extras.ts): the tabs, the preview, remember-me,
 * the email options and the hidden honeypot.
 */
const extrasStyles = css`
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
  extrasStyles,
];
