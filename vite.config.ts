import { rmSync } from 'node:fs';
import { defineConfig } from 'vite';

/** The embeddable widget: one self-contained ES module, Lit included, served by the server as /embed.js. */
/** Removes what the last widget build wrote (embed.js and its hashed chunks), and nothing else. */
const replaceOwnOutput = {
  name: 'replace-own-output',
  buildStart() {
    rmSync('dist/widget/embed.js', { force: true });
    rmSync('dist/widget/chunks', { recursive: true, force: true });
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [replaceOwnOutput],
  build: {
    // README's supported browsers as of December 2026, each at its oldest: Chrome and Edge 155 (of 155 and
    // 156), Firefox ESR 153 (below Firefox's last two releases), Safari 26 (of 26 and 27).
    target: ['chrome155', 'edge155', 'firefox153', 'safari26'],
    outDir: 'dist/widget',
    // The server's build (tsc) writes the widget's modules for server rendering into this folder too:
    // emptying it would break the fragment route of a server built before (see `replaceOwnOutput`).
    emptyOutDir: false,
    sourcemap: false,
    minify: true,
    lib: {
      entry: 'widget/embed.ts',
      formats: ['es'],
      fileName: () => 'embed.js',
    },
    rolldownOptions: {
      // Lib mode would keep embed.js's exports exactly as written (none), so code it shares with the lazy
      // chunks would go to a common chunk of its own: a second request before the first render. Letting
      // embed.js export more keeps that code in it, for the chunks to import.
      preserveEntrySignatures: 'allow-extension',
      // Lib mode keeps whitespace and /*#__PURE__*/ for bundlers downstream; this file is served as is.
      // Features not needed for the first render load as hashed chunks beside embed.js (served at /chunks/).
      output: {
        minify: true,
        comments: { annotation: false, jsdoc: false, legal: true },
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
