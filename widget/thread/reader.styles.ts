import { css } from 'lit';

/** What the thread element draws from the reader's state (thread-bar.ts): these load with it, not in embed.js. */
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
