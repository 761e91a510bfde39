import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type FieldIssue } from '../../shared/errors';
import { RULES, type RuleId } from '../../shared/rules/catalog';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: NonNullable<ErrorBody['error']['details']>,
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);

/** One or more field errors, the shape the web form marks. */
export const invalid = (fields: FieldIssue[], message = '填写有误，请检查标红的字段') =>
  new AppError('VALIDATION_FAILED', message, { fields });

/** A refusal by a rule of the plan: the message says why, the details name the rule and clause. */
export function ruleViolation(id: RuleId, reason: string, alsoBroken: readonly RuleId[] = []): AppError {
  const rule = RULES[id];
  const rules = [id, ...alsoBroken.filter((r) => r !== id)].map((r) => RULES[r]);
  return new AppError('RULE_VIOLATION', `${reason}（${rules.map((r) => `${r.id}，${r.clause}`).join('；')}）`, {
    rule,
    ...(rules.length > 1 ? { rules } : {}),
  });
}

export const versionConflict = () =>
  new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试（您的修改未保存）');

/** True when a database error is a unique violation, optionally of one constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: unknown };
  if (e?.code === '23505') return constraint === undefined || e.constraint === constraint;
  return e?.cause !== undefined && isUniqueViolation(e.cause, constraint);
}

/** Properties of a PostgreSQL error (pg and PGlite alike) that name things, never values. */
const PG_NAMING_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

/**
 * What the log keeps of an unexpected error. Drizzle's DrizzleQueryError writes the query's
 * parameters into its message; pg and PGlite errors carry them (`params`, PGlite) or the row's
 * values (`detail`: "Failing row contains (…)", "Key (…)=(…)"), and data exceptions (class 22)
 * quote the refused value. A client's name, address or birth date must not reach the log, so
 * only the SQL text with its placeholders, the PostgreSQL naming fields and the stack frames stay.
 */
export function loggableError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & Record<string, unknown>;
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  const out: Record<string, unknown> = { type: e.name };
  const pgCode = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null;
  if (err instanceof DrizzleQueryError) {
    out.message = 'Failed query';
    out.query = err.query.slice(0, 2000);
  } else if (pgCode) {
    out.message = pgCode.startsWith('22') ? e.message.replace(/:\s*".*"\s*$/s, ': "[redacted]"') : e.message;
    if (typeof e.query === 'string') out.query = e.query.slice(0, 2000);
    for (const k of PG_NAMING_FIELDS) if (typeof e[k] === 'string') out[k] = e[k];
  } else {
    out.message = e.message;
    if (typeof e.code === 'string') out.code = e.code;
  }
  out.stack = frames;
  if (e.cause !== undefined && depth < 4) out.cause = loggableError(e.cause, depth + 1);
  return out;
}

function body(code: ErrorCode, message: string, details?: ErrorBody['error']['details']): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.details?.retryAfterSeconds)
        void reply.header('Retry-After', String(err.details.retryAfterSeconds));
      return reply.status(ERROR_STATUS[err.code]).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const unknown = (v.params as { keys?: string[] }).keys;
        if (v.keyword === 'unrecognized_keys' && unknown)
          return unknown.map((k) => ({ path: path ? `${path}.${k}` : k, message: '不允许的字段' }));
        return [{ path, message: v.message ?? '无效' }];
      });
      return reply.status(400).send(body('VALIDATION_FAILED', '填写有误，请检查标红的字段', { fields }));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', '提交的内容过大'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', '请求格式有误', { fields: [{ path: '', message: '请求格式有误' }] }));
    // Not under `err`: pino's error serializer would put the raw message and stack back.
    request.log.error({ error: loggableError(err) }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', '系统内部错误，请稍后重试；如持续出现请联系管理员'));
  });
}
