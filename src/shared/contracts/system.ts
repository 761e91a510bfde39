import { z } from 'zod';
import { route } from './http';

export const health = route({
  method: 'GET',
  path: '/api/health',
  summary: '健康检查（主库、只读副本）',
  tag: 'system',
  public: true,
  /** 200 while the primary answers (degraded: the replica does not); 503 with the same shape when the primary does not. */
  response: z.object({
    status: z.enum(['ok', 'degraded', 'down']),
    driver: z.enum(['pglite', 'postgres']),
    database: z.object({
      primary: z.enum(['ok', 'down']),
      /** none: no DATABASE_READ_URL. */
      replica: z.enum(['ok', 'down', 'none']),
    }),
    version: z.string(),
  }),
});
