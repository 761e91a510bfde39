import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Contracting organisations (承接主体). The foundation keeps only what stations and user
 * scopes need; the staffing module extends it.
 */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  status: text('status', { enum: ['active', 'suspended', 'barred'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
