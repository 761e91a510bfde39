import { z } from 'zod';
import { route } from './http';

export const health = route({
  method: 'GET',
  path: '/api/health',
  summary: '健康检查',
  tag: 'system',
  public: true,
  response: z.object({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
  }),
});
