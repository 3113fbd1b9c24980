import type { NewComment } from '../../server/store/store.js';

/** When the seed page's first comment was written: the default time of every drafted comment. */
export const T0 = Date.UTC(2016, 4, 31, 6, 24);

/** A NewComment for store tests: a plain, approved top-level comment; tests override what they look at. */
export function draftComment(url: string, over: Partial<NewComment> = {}): NewComment {
  return {
    url,
    title: null,
    parentId: null,
    depth: 0,
    rootId: null,
    authorName: 'Bonnie B',
    authorEmail: 'bonnie@example.com',
    authorWebsite: null,
    avatar: 'seed',
    body: 'Hello',
    html: '<p>Hello</p>',
    status: 'approved',
    createdAt: T0,
    editTokenHash: null,
    ipHash: null,
    ...over,
  };
}
