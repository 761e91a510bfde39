import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL server; without it SGZ runs on embedded PGlite. */
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** PostgreSQL as the schema's owner: migrations (and backup/restore) use it; the app keeps DATABASE_URL. */
  DATABASE_MIGRATION_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** A PostgreSQL read replica: GET requests' business reads go there; sessions, writes and transactions stay on DATABASE_URL. */
  DATABASE_READ_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** After a session's write, its GET requests read the primary this long (the replica may lag). */
  DATABASE_READ_AFTER_WRITE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  SGZ_DATA_DIR: z.string().default('./data/pglite'),
  /**
   * The installation's region root, chosen when a store is first set up: a province (370000 山东省)
   * or a city (370200 青岛市) code from the NBS division codes. Unset: the stored root, else 371000 威海市.
   */
  SGZ_REGION_ROOT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^(\d{2}0000|\d{4}00)$/, { error: '省（如 370000）或地级市（如 370200）的6位区划代码' }).optional(),
  ),
  SGZ_DEMO_PASSWORD: z.string().min(8).default('Sgz@demo2026'),
  /**
   * Behind a TLS reverse proxy: `true` trusts the one proxy that connects to SGZ (the client IP is
   * the right-most X-Forwarded-For entry, the one that proxy added), or a comma-separated list of
   * proxy addresses/CIDRs. Either way the session cookie is Secure and named __Host-sgz_sid.
   */
  SGZ_TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | string => (['', 'false', '0'].includes(v) ? false : ['true', '1'].includes(v) ? true : v)),
  /** Embedded store: requests waiting for the one PGlite connection before a 503 (0: none wait). */
  SGZ_DB_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).default(200),
  /** Embedded store: seconds a request may wait for the connection before a 503. */
  SGZ_DB_QUEUE_WAIT_SECONDS: z.coerce.number().min(1).max(600).default(15),
  SGZ_WEB_DIR: z.string().default('./dist/web'),
  /** 32 bytes (64 hex digits or base64) encrypting ID numbers and phones at rest. */
  SGZ_ENCRYPTION_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  migrationUrl: string | undefined;
  readUrl: string | undefined;
  readAfterWriteSeconds: number;
  dataDir: string;
  regionRoot: string | undefined;
  demoPassword: string;
  trustProxy: boolean | string;
  dbQueueMax: number;
  dbQueueWaitSeconds: number;
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
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    process.stderr.write('SGZ configuration is invalid:\n  DATABASE_READ_URL: needs DATABASE_URL (the primary)\n');
    process.exit(1);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationUrl: e.DATABASE_MIGRATION_URL,
    readUrl: e.DATABASE_READ_URL,
    readAfterWriteSeconds: e.DATABASE_READ_AFTER_WRITE_SECONDS,
    dataDir: e.SGZ_DATA_DIR,
    regionRoot: e.SGZ_REGION_ROOT,
    demoPassword: e.SGZ_DEMO_PASSWORD,
    trustProxy: e.SGZ_TRUST_PROXY,
    dbQueueMax: e.SGZ_DB_QUEUE_MAX,
    dbQueueWaitSeconds: e.SGZ_DB_QUEUE_WAIT_SECONDS,
    webDir: e.SGZ_WEB_DIR,
    encryptionKey: e.SGZ_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
  };
}
