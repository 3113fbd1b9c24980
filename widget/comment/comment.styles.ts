import { css } from 'lit';
import { linkButton } from '../styles/link-button.js';
import { base } from '../styles/tokens.js';

// Inside the thread: the tokens come from <confab-comments>, inherited.
export const styles = [
  base,
  css`
    header {
      display: grid;
      grid-template-columns: var(--_avatar) 1fr;
      column-gap: 0.75em;
      align-items: center;
    }
    svg {
      grid-row: span 2;
      inline-size: var(--_avatar);
      block-size: var(--_avatar);
    }
    [part='author'] {
      overflow-wrap: anywhere;
      /* A right-to-left name must not reorder the date beside it. */
      unicode-bidi: isolate;
    }
    [part='permalink'],
    [part='edited'],
    [part='verified'] {
      color: var(--_muted);
      font-size: var(--_small);
      text-decoration: none;
    }
    /* The tick is decoration: the word says it. */
    [part='verified']::before {
      content: '✓ ' / '';
    }
    [part~='deleted'] {
      color: var(--_muted);
      font-style: italic;
    }
    [part='permalink']:hover,
    [part='permalink']:focus-visible {
      text-decoration: underline;
    }
    [part~='mark'] {
      margin-inline-start: 0.5em;
      padding: 0 0.5em;
      font-size: var(--_small);
      border: 1px solid currentColor;
      border-radius: 1em;
    }
    [part='moderation'] {
      font-style: italic;
      margin: 0.75em 0 0;
    }
    [part='body'] {
      overflow-wrap: anywhere;
      line-height: 1.5;
    }
    [part='body'] > :last-child {
      margin-block-end: 0;
    }
    blockquote {
      margin-inline: 0;
      padding-inline-start: 1em;
      border-inline-start: 0.2em solid var(--_border);
    }
    pre {
      overflow-x: auto;
    }
    code {
      font-family: ui-monospace, monospace;
      font-size: 0.9em;
    }
  `,
];

/**
 * The comment's own: the outline of the one the address points at, then its buttons (Like, Reply, the
 * author's Edit and Delete) with the author's editor and question.
 */
export const actionStyles = css`
  [part~='highlighted'] {
    outline: 2px solid var(--_focus);
    outline-offset: 0.5em;
  }
  article > button {
    ${linkButton}
  }
  [part='editor'] textarea {
    box-sizing: border-box;
    display: block;
    inline-size: 100%;
    margin-block-end: 0.5em;
    padding: 0.5em;
    font: inherit;
    color: var(--_field-fg);
    background: var(--_field-bg);
    border: 1px solid var(--_field-border);
    border-radius: var(--_radius);
  }
  [part='like-button'][aria-pressed='true'] {
    font-weight: bold;
  }
  [part='like-count'] {
    margin-inline-end: 1em;
    color: var(--_muted);
    font-size: var(--_small);
  }
  [part='action-error'] {
    color: var(--_error);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
