import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { POST_KINDS, POST_STATUSES, type PostPhoto } from '../../../shared/rules/publicity';
import type { WorkflowEvent } from './purchase';
import { stations } from './stations';
import { users } from './users';

/**
 * Stories (社工故事) and news (动态) of a station (五（五）). `scope_path` is the station's, so
 * region scopes read them by path and organisations by the stations they serve; the district
 * whose path prefixes it reviews. Photos are files owned by the post, described in `photos`.
 */
export const publicityPosts = pgTable(
  'publicity_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    authorId: uuid('author_id').notNull().references(() => users.id),
    /** The author's organisation when written by an operator's staff. */
    authorOrgId: uuid('author_org_id'),
    /**
     * Who edits it when returned, fixed when written: the station's side (its workers, its
     * operator's staff) or the officer who wrote it. Never read from the author's current account.
     */
    authorSide: text('author_side', { enum: ['station', 'officer'] }).notNull().default('station'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    clientIds: uuid('client_ids').array().notNull().default([]),
    photos: jsonb('photos').$type<PostPhoto[]>().notNull().default([]),
    status: text('status', { enum: POST_STATUSES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    returnReason: text('return_reason').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    history: jsonb('history').$type<WorkflowEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('publicity_posts_scope_idx').on(t.scopePath.op('text_pattern_ops')),
    index('publicity_posts_station_idx').on(t.stationId, t.updatedAt),
    // The public pages: published posts, newest first.
    index('publicity_posts_published_idx').on(t.publishedAt).where(sql`status = 'published'`),
  ],
);

/** A station's service brands (服务品牌). */
export const stationBrands = pgTable(
  'station_brands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id').notNull().references(() => stations.id),
    scopePath: text('scope_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The paged list: a station's brands, or a region's by path.
  (t) => [index('station_brands_station_idx').on(t.stationId), index('station_brands_scope_idx').on(t.scopePath.op('text_pattern_ops'))],
);
