/** Shared pieces of the benchmarks: autocannon in its own process, medians, logins. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';

/** Requests per second of one autocannon run (its own process: this one is busy serving). */
export async function autocannonRps(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<number> {
  const args = ['autocannon', '-j', '-c', String(connections), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const run = await promisify(execFile)('npx', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(run.stdout) as { requests: { average: number }; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** Logs in through the API and returns the session cookie's name and value. */
export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<{ name: string; value: string; csrfToken: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookie = res.cookies.find((c) => c.name === 'sgz_sid' || c.name === '__Host-sgz_sid');
  if (!cookie) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return { name: cookie.name, value: cookie.value, csrfToken: (res.json() as { csrfToken?: string }).csrfToken ?? '' };
}
