import { describe, expectTypeOf, it } from 'vitest';
import type {
  CountsResponse,
  Features,
  LikeResult,
  PostCommentResult,
  PowChallenge,
  PreviewResponse,
  PublicComment,
  ThreadResponse,
} from '../../server/schema/index.js';
import type { Answer, Json } from '../../widget/api/client.js';

// Type-level only: `tsc -p tsconfig.json` (npm run typecheck) is what these tests run in. The widget's
// client takes its types from the server's AppType, so each expectation here fails to compile when a
// route or schema changes under it; vitest merely lists them.
type Client = typeof import('../../widget/api/client.js');

describe('the widget’s API client', () => {
  it('answers each call with the body the server’s route declares', () => {
    expectTypeOf<Answer<'/api/threads', '$get'>>().toEqualTypeOf<ThreadResponse>();
    expectTypeOf<Answer<'/api/counts', '$get'>>().toEqualTypeOf<CountsResponse>();
    expectTypeOf<Answer<'/api/features', '$get'>>().toEqualTypeOf<Features>();
    expectTypeOf<Answer<'/api/comments', '$post'>>().toEqualTypeOf<PostCommentResult>();
    expectTypeOf<Answer<'/api/comments/:id', '$patch'>>().toEqualTypeOf<{
      comment: PublicComment;
    }>();
    expectTypeOf<Answer<'/api/comments/:id/like', '$post'>>().toEqualTypeOf<LikeResult>();
    expectTypeOf<Answer<'/api/preview', '$post'>>().toEqualTypeOf<PreviewResponse>();
    expectTypeOf<Answer<'/api/challenge', '$get'>>().toEqualTypeOf<PowChallenge>();
  });

  it('answers null for a route that succeeds without a body (202, 204)', () => {
    expectTypeOf<Answer<'/api/comments/:id', '$delete'>>().toEqualTypeOf<null>();
    expectTypeOf<Answer<'/api/verify', '$post'>>().toEqualTypeOf<null>();
  });

  it('takes the JSON body the route’s input schema takes', () => {
    expectTypeOf<Json<'/api/preview', '$post'>>().toEqualTypeOf<{ body: string }>();
    expectTypeOf<Json<'/api/comments/:id/like', '$delete'>>().toEqualTypeOf<{ key: string }>();
  });

  it('refuses a path, method, param, query or body field the server does not define', () => {
    // Never called: the @ts-expect-error lines are the test.
    (request: Client['request'], thread: Awaited<ReturnType<Client['getThread']>>) => {
      // @ts-expect-error no such route
      void request('', '$get', '/api/comment', {});
      // @ts-expect-error the route takes no PUT
      void request('', '$put', '/api/comments/:id', { param: { id: '1' } });
      // @ts-expect-error the edit needs the comment's id
      void request('', '$patch', '/api/comments/:id', { json: { body: 'x' } });
      // @ts-expect-error the preview's field is `body`
      void request('', '$post', '/api/preview', { json: { text: 'x' } });
      // @ts-expect-error the thread's query has no `page`
      void request('', '$get', '/api/threads', { query: { url: 'u', page: 2 } });
      // @ts-expect-error the thread page has no such field
      void thread.thread.commentCount;
    };
  });
});
