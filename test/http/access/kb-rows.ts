// Rows of the access matrix for the knowledge base routes. Reading is public (a token, when sent,
// must be valid, so a revoked or expired one is 401); writing is for managers and admins; any
// signed-in contact or agent says whether a public article helped.
import { createArticle } from '../../../src/kb/index.ts';
import { expect, type Row, type RowsEnv } from './matrix-kit.ts';

export function rows({ h, unique }: RowsEnv): Row[] {
  const write = async () =>
    (await createArticle({ ctx: h.desk.system, input: { slug: unique('access-check'), title: 'Access check', bodyMarkdown: 'Checking access.', visibility: 'public' } })).id;
  let published: Promise<string> | null = null;
  const publicArticle = () => (published ??= write());
  const readable = { ...expect({ public: true, ok: 200 }), revoked: 401, expired: 401 };
  const writers = (ok: number) => expect({ contact: false, roles: ['manager', 'admin'], ok });
  return [
    { method: 'GET', url: '/api/v1/kb/articles', request: async () => ({ method: 'GET', url: '/api/v1/kb/articles' }), expect: readable },
    { method: 'GET', url: '/api/v1/kb/articles/:id', request: async () => ({ method: 'GET', url: `/api/v1/kb/articles/${await publicArticle()}` }), expect: readable },
    {
      method: 'POST', url: '/api/v1/kb/articles',
      request: async () => ({ method: 'POST', url: '/api/v1/kb/articles', payload: { slug: unique('access-new'), title: 'New', body_markdown: 'New article.' } }),
      expect: writers(201),
    },
    {
      method: 'PATCH', url: '/api/v1/kb/articles/:id',
      request: async () => ({ method: 'PATCH', url: `/api/v1/kb/articles/${await write()}`, payload: { title: 'Changed' } }),
      expect: writers(200),
    },
    { method: 'DELETE', url: '/api/v1/kb/articles/:id', request: async () => ({ method: 'DELETE', url: `/api/v1/kb/articles/${await write()}` }), expect: writers(200) },
    {
      method: 'POST', url: '/api/v1/kb/articles/:id/feedback',
      request: async () => ({ method: 'POST', url: `/api/v1/kb/articles/${await publicArticle()}/feedback`, payload: { helpful: true } }),
      expect: expect({ contact: 'any', roles: ['front_line', 'escalation', 'manager', 'admin'], ok: 200 }),
    },
    { method: 'GET', url: '/api/v1/kb/search', request: async () => ({ method: 'GET', url: '/api/v1/kb/search?q=access' }), expect: readable },
    // Suggestions are public articles whoever asks: no token is read, so none can be refused.
    { method: 'GET', url: '/api/v1/kb/suggest', request: async () => ({ method: 'GET', url: '/api/v1/kb/suggest?q=access' }), expect: expect({ public: true, ok: 200 }) },
  ];
}
