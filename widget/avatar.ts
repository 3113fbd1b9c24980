import { html } from 'lit';

/**
 * A circle in a colour picked from the server's avatar seed, with the name's first letter: drawn here
 * so showing a face costs no request and tells no third party who is reading.
 */
export function avatar(seed: string, name: string) {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const initial = (name.trim().match(/\p{L}|\p{N}/u)?.[0] ?? '?').toUpperCase();
  return html`<svg part="avatar" viewBox="0 0 40 40" aria-hidden="true">
    <circle cx="20" cy="20" r="20" fill="hsl(${hash % 360} 45% 38%)" />
    <text x="20" y="20" dy=".35em" text-anchor="middle" fill="#fff" font-size="18">${initial}</text>
  </svg>`;
}
