import markdownIt, { type MarkdownIt } from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Comment Markdown: paragraphs, line breaks, emphasis, code, quotes, lists and links. Raw HTML is
 * shown as text; only http, https and mailto links survive, and every link is marked as user content.
 */
function createRenderer(): MarkdownIt {
  const md = markdownIt('default', {
    html: false,
    linkify: true,
    breaks: true,
    typographer: false,
  });
  md.disable(['heading', 'lheading', 'table', 'image', 'hr']);
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow ugc noopener');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const renderer = createRenderer();

export function renderMarkdown(source: string): string {
  return renderer.render(source);
}

/** Links in rendered comment HTML: more than the configured number holds a comment for moderation. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}
