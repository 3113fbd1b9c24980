import { css } from 'lit';

/** Buttons that read as links (Like, Reply, Edit, Delete, Cancel reply): the declarations, for a rule's body. */
export const linkButton = css`
  margin: 0.75em 1em 0 0;
  padding: 0;
  font-size: var(--_small);
  color: var(--_link);
  background: none;
  border: 0;
  text-decoration: underline;
`;
