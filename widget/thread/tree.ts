import type { PublicComment } from '../../server/schema/index.js';

/** Replies keyed by parent id; a reply whose parent is not in the list shows at the top level. */
export function childrenByParent(comments: PublicComment[]) {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<number | null, PublicComment[]>();
  for (const c of comments) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(c);
    else children.set(parent, [c]);
  }
  return children;
}
