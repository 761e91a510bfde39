import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { SERVICE_DOMAINS } from '../../../shared/rules/organizations';
import { SERVICE_ITEM_KINDS } from '../../../shared/rules/service-scope';

/**
 * The service catalogue of 二（一）, loaded from data/service-catalogue.csv; the city may mark
 * items excluded (R-SCOPE-EXCLUDED). Reloading adds new items and keeps the city's marks.
 */
export const serviceItems = pgTable('service_items', {
  code: text('code').primaryKey(),
  domain: text('domain', { enum: SERVICE_DOMAINS }).notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: SERVICE_ITEM_KINDS }).notNull(),
  excluded: boolean('excluded').notNull().default(false),
  clause: text('clause').notNull().default(''),
  note: text('note').notNull().default(''),
  sort: integer('sort').notNull().default(0),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
