import { escapeText } from 'entities';
import { Feed } from 'feed';
import type { CommentStore } from '../store/store.js';
import { requireThreadKey } from './thread-key.js';

export type FeedFormat = 'atom' | 'rss';

/** Entries in a feed: enough for a reader polling now and then, small enough to build on each request. */
export const FEED_ENTRIES = 50;

export interface FeedRequest {
  format: FeedFormat;
  /** A page's address (keyed like every thread address), or null for the whole site. */
  url: string | null;
  /** This server's origin (scheme, host, port), for the feed's own addresses. */
  origin: string;
}

/**
 * The site's, or one thread's, latest approved comments as Atom or RSS 2.0 (the `feed` package writes
 * the XML). Each entry carries the author's name (never the email), the comment's rendered HTML, its
 * time and a link to it on its page (`page#comment-N`, the widget's anchor). The feed's own time is its
 * newest entry's, so an unchanged feed has unchanged bytes (and ETag) on every instance.
 */
export function createFeeds(deps: { store: CommentStore }) {
  return {
    /** The feed's XML. */
    async build(req: FeedRequest): Promise<string> {
      const url = req.url === null ? null : requireThreadKey(req.url);
      const { thread, comments } = await deps.store.listLatestApproved({
        url,
        limit: FEED_ENTRIES,
      });
      const query = url === null ? '' : `?url=${encodeURIComponent(url)}`;
      const self = (format: FeedFormat) => `${req.origin}/feed/comments.${format}${query}`;
      const name = thread?.title ?? url;
      const newest = comments[0]?.createdAt ?? thread?.createdAt ?? 0;
      const feed = new Feed({
        title: name === null ? 'Latest comments' : `Comments on “${name}”`,
        description:
          name === null ? 'The latest comments of the site' : `The latest comments on “${name}”`,
        id: self(req.format),
        link: url ?? req.origin,
        updated: new Date(newest),
        generator: 'Confab',
        feedLinks: { atom: self('atom'), rss: self('rss') },
      });
      for (const c of comments) {
        const link = `${c.threadUrl}#comment-${c.id}`;
        const title = `${c.authorName} on “${c.threadTitle ?? c.threadUrl}”`;
        feed.addItem({
          // Atom entry titles are written as type="html": a name like "<b>Zoë" must stay text there.
          title: req.format === 'atom' ? escapeText(title) : title,
          id: link,
          link,
          date: new Date(c.createdAt),
          content: c.html,
          // RSS readers look for the text in <description>; Atom has it in <content> alone.
          ...(req.format === 'rss' ? { description: c.html } : {}),
          author: [{ name: c.authorName }],
        });
      }
      return req.format === 'atom' ? feed.atom1() : feed.rss2();
    },
  };
}

export type Feeds = ReturnType<typeof createFeeds>;
