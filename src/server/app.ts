import '../shared/zod-locale';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { controlCharIssues } from '../shared/contracts/http';
import type { Database } from './db/client';
import { FairQueue, QueueRejected, type FairQueueOptions } from './db/fair-queue';
import type { Ctx } from './platform/context';
import type { FieldCipher } from './platform/field-cipher';
import { AppError, installErrorHandler, invalid } from './platform/errors';
import { enforceRouteDeclarations, installGuard, markPublic } from './platform/routes';
import { fastSerializerCompiler, strictSerializerCompiler } from './platform/serializer';
import { MAX_UPLOAD_BYTES } from './platform/uploads';
import { markSessionWrote, resolveSession, sessionCookieFor } from './platform/session';
import { auditRoutes } from './modules/audit/audit.routes';
import { annualPlanRoutes } from './modules/annual-plans/annual-plans.routes';
import { procurementRoutes } from './modules/procurements/procurements.routes';
import { contractRoutes } from './modules/contracts/contracts.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { reportRoutes } from './modules/reports/reports.routes';
import { fundingRoutes } from './modules/funding/funding.routes';
import { evaluationRoutes } from './modules/evaluations/evaluations.routes';
import { dashboardRoutes } from './modules/dashboards/dashboards.routes';
import { caseRoutes } from './modules/cases/cases.routes';
import { clientRoutes } from './modules/clients/clients.routes';
import { serviceRecordRoutes } from './modules/service-records/service-records.routes';
import { complianceRoutes } from './modules/compliance/compliance.routes';
import { organizationRoutes } from './modules/organizations/organizations.routes';
import { partnerRoutes } from './modules/partners/partners.routes';
import { resourceRoutes } from './modules/resources/resources.routes';
import { serviceCatalogueRoutes } from './modules/service-catalogue/service-catalogue.routes';
import { socialWorkerRoutes } from './modules/social-workers/social-workers.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { regionRoutes } from './modules/regions/regions.routes';
import { securityRoutes } from './modules/security/security.routes';
import { stationRoutes } from './modules/stations/stations.routes';
import { systemRoutes } from './modules/system/system.routes';
import { userRoutes } from './modules/users/users.routes';
import { workbenchRoutes } from './modules/workbench/workbench.routes';
import { volunteerRoutes } from './modules/volunteers/volunteers.routes';
import { applicationRoutes } from './modules/applications/applications.routes';
import { institutionalSystemRoutes } from './modules/institutional-systems/institutional-systems.routes';
import { venueRoutes } from './modules/venues/venues.routes';
import { publicityRoutes } from './modules/publicity/publicity.routes';
import { stationPlanRoutes } from './modules/station-plans/station-plans.routes';
import { archiveRoutes } from './modules/archives/archives.routes';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    sessionExpired: 'idle' | 'absolute' | null;
    /** Gives the embedded store's connection back to the queue (idempotent). */
    releaseDb: (() => void) | null;
  }
  interface FastifyInstance {
    /** The admission queue in front of the embedded store's one connection; null on PostgreSQL. */
    dbQueue: FairQueue | null;
  }
}

export interface AppOptions {
  database: Database;
  cipher: FieldCipher;
  /** Built web app to serve; null serves the API only. */
  webDir?: string | null;
  /** A pino logger; none keeps the app silent (tests). */
  logger?: FastifyBaseLogger;
  /** true: the one proxy in front is trusted (client IP = the right-most X-Forwarded-For); or its addresses. */
  trustProxy?: boolean | string;
  /** Embedded store: the FIFO queue in front of its one connection; false turns it off (benchmark comparison). */
  dbQueue?: Partial<FairQueueOptions> | false;
  /** Check every response against its zod contract (tests); production only strips to the declared fields. */
  validateResponses?: boolean;
  /** With a read replica: a session's GETs read the primary for this long after its last write (default 10 s). */
  readAfterWriteSeconds?: number;
}

const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.initialPassword',
  '*.idNumber',
  '*.phone',
];

/**
 * Log redaction for pino. The request line keeps its path but not its query string: searches
 * and duplicate checks carry names and birth dates.
 */
export const LOG_REDACT = {
  paths: [...REDACTED_PATHS, 'req.url'],
  censor: (value: unknown, path: string[]): unknown =>
    path.join('.') === 'req.url' && typeof value === 'string'
      ? value.replace(/\?.*$/s, (q) => (q ? '?[Redacted]' : ''))
      : '[Redacted]',
};

/**
 * Two requests use the embedded store at once: PGlite works on the main thread, so more only
 * interleaves their statements again; two let one's off-thread work (argon2, writing a
 * response) overlap the other's queries. Measured with `npm run bench:load`.
 */
export const DB_QUEUE_DEFAULTS: FairQueueOptions = { concurrency: 2, maxWaiting: 200, maxWaitMs: 15_000 };

/** A Vite output file named by its content hash (assets/<name>-<hash>.<ext>, or a precompressed variant). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // `true` trusts only the peer that connects (the proxy): request.ip is then the address that
    // proxy appended to X-Forwarded-For, never one the client wrote to the left of it.
    trustProxy: options.trustProxy === true ? (_address: string, hop: number) => hop === 0 : (options.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    // Unknown query fields are refused by the contracts; keep the parser strict and small.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.validateResponses ? strictSerializerCompiler : fastSerializerCompiler);
  installErrorHandler(app);
  enforceRouteDeclarations(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  // Before every route and the static files (its hook must see them). Answers over 1 KB are
  // compressed, brotli at a cheap level for JSON made per request; files the client cannot
  // gain from (xlsx, docx, images: not "compressible" in mime-db) and precompressed assets
  // (they already carry Content-Encoding) pass through. Request bodies are never inflated.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });

  const readAfterWriteMs = (options.readAfterWriteSeconds ?? 10) * 1000;
  const sessionCookie = sessionCookieFor(Boolean(options.trustProxy));
  app.decorate('sessionCookie', sessionCookie);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('sessionExpired', null);
  app.decorateRequest('releaseDb', null);
  const queue = database.driver === 'pglite' && options.dbQueue !== false ? new FairQueue({ ...DB_QUEUE_DEFAULTS, ...options.dbQueue }) : null;
  app.decorate('dbQueue', queue);
  if (queue) {
    // First in, first served, whole requests at a time; the excess is told to come back.
    const retryAfterSeconds = Math.max(1, Math.ceil(queue.options.maxWaitMs / 3000));
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return;
      try {
        request.releaseDb = await queue.acquire();
      } catch (err) {
        if (!(err instanceof QueueRejected)) throw err;
        request.log.warn({ reason: err.reason, waiting: queue.waiting }, 'database queue turned a request away');
        throw new AppError('SERVICE_BUSY', '系统繁忙，请稍后重试', { retryAfterSeconds });
      }
      // A client that goes away must not keep its place.
      reply.raw.once('close', request.releaseDb);
    });
    app.addHook('onResponse', async (request) => request.releaseDb?.());
  }
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      db: database.db, actor: null, system: false, ip: request.ip, requestId: request.id, log: request.log, cipher: options.cipher,
    };
    if (!request.url.startsWith('/api/')) return;
    const resolved = await resolveSession(database.db, request.cookies[sessionCookie.name]);
    request.ctx.actor = resolved.actor;
    request.sessionExpired = resolved.expired;
    if (resolved.actor) request.log = request.log.child({ actor: resolved.actor.id });
    request.ctx.log = request.log;
    // Safe requests read the replica, unless this session wrote so lately that it may not be there yet.
    if (database.readDb && SAFE_METHODS.has(request.method)) {
      const wroteAt = resolved.lastWriteAt?.getTime() ?? 0;
      if (Date.now() - wroteAt >= readAfterWriteMs) request.ctx.db = database.readDb;
    }
  });
  if (database.readDb) {
    // Stamped on the primary before the answer leaves, so the session's next GET knows.
    app.addHook('onSend', async (request) => {
      const actor = request.ctx?.actor;
      if (actor && !SAFE_METHODS.has(request.method)) await markSessionWrote(database.db, actor.sessionId);
    });
  }
  installGuard(app);
  // Every route, whatever its schema (and before it): control characters in any text field
  // are a 400 naming the field, never a database error.
  app.addHook('preValidation', async (request) => {
    const fields = [request.params, request.query, request.body].flatMap((part) => controlCharIssues(part));
    if (fields.length > 0) throw invalid(fields);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'SGZ 社工站综合管理平台 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie.name },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    markPublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    systemRoutes(api, database);
    authRoutes(api);
    regionRoutes(api);
    stationRoutes(api);
    userRoutes(api);
    securityRoutes(api);
    auditRoutes(api);
    organizationRoutes(api);
    socialWorkerRoutes(api);
    complianceRoutes(api);
    serviceCatalogueRoutes(api);
    partnerRoutes(api);
    resourceRoutes(api);
    clientRoutes(api);
    caseRoutes(api);
    serviceRecordRoutes(api);
    annualPlanRoutes(api);
    procurementRoutes(api);
    contractRoutes(api);
    calendarRoutes(api);
    reportRoutes(api);
    fundingRoutes(api);
    evaluationRoutes(api);
    dashboardRoutes(api);
    workbenchRoutes(api);
    volunteerRoutes(api);
    applicationRoutes(api);
    institutionalSystemRoutes(api);
    venueRoutes(api);
    stationPlanRoutes(api);
    publicityRoutes(api);
    archiveRoutes(api);
  });

  const webDir = options.webDir ? path.resolve(options.webDir) : null;
  const index = webDir ? path.join(webDir, 'index.html') : null;
  if (webDir && index && fs.existsSync(index)) {
    await app.register(async (web) => {
      markPublic(web);
      // Files are looked up per request, so a rebuilt app is served without a restart.
      // Vite's hashed assets never change under their name: cached for a year. Everything else
      // (index.html above all) is revalidated, so a new build is picked up at once. The build
      // writes .br/.gz beside each asset; the variant the browser accepts is sent.
      await web.register(fastifyStatic, {
        root: webDir,
        index: ['index.html'],
        preCompressed: true,
        setHeaders: (reply, filePath) =>
          void reply.header('Cache-Control', HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache'),
      });
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing file (a stale asset name) is a 404, not the app's page.
    const isFile = /\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (request.url.startsWith('/api/') || isFile || !index || request.method !== 'GET' || !fs.existsSync(index))
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
    // Client-side routes of the single-page app.
    return reply.type('text/html').header('Cache-Control', 'no-cache').send(fs.createReadStream(index));
  });
  return app;
}
