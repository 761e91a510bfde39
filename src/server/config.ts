import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL server; without it SGZ runs on embedded PGlite. */
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  SGZ_DATA_DIR: z.string().default('./data/pglite'),
  SGZ_DEMO_PASSWORD: z.string().min(8).default('Sgz@demo2026'),
  /** Cookies carry Secure when served over HTTPS; behind a TLS proxy set SGZ_TRUST_PROXY. */
  SGZ_TRUST_PROXY: bool.default(false),
  SGZ_WEB_DIR: z.string().default('./dist/web'),
  /** 32 bytes (64 hex digits or base64) encrypting ID numbers and phones at rest. */
  SGZ_ENCRYPTION_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string;
  trustProxy: boolean;
  webDir: string;
  encryptionKey: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

/** Parses the environment once; on a bad value lists every problem and exits. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    process.stderr.write(`SGZ configuration is invalid:\n${lines.join('\n')}\n`);
    process.exit(1);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.SGZ_DATA_DIR,
    demoPassword: e.SGZ_DEMO_PASSWORD,
    trustProxy: e.SGZ_TRUST_PROXY,
    webDir: e.SGZ_WEB_DIR,
    encryptionKey: e.SGZ_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
  };
}
