import { z } from 'zod';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RULE_VIOLATION: 422,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
  /** The embedded store's queue is full or the wait too long: Retry-After says when to come back. */
  SERVICE_BUSY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const ruleRefSchema = z.object({ id: z.string(), clause: z.string(), title: z.string() });
export type RuleRef = z.infer<typeof ruleRefSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({
        fields: z.array(fieldIssueSchema).optional(),
        rule: ruleRefSchema.optional(),
        /** Every rule the request broke, when more than one (the first is `rule`). */
        rules: z.array(ruleRefSchema).optional(),
        retryAfterSeconds: z.number().optional(),
      })
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
