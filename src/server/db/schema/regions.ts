import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { REGION_LEVELS, TOWN_TYPES } from '../../../shared/contracts/regions';

/** (Province →) city → county unit → town → village, as a materialised path ("/371000/371002/371002002/"). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentCode: text('parent_code'),
    path: text('path').notNull().unique(),
    aliases: text('aliases').array().notNull().default([]),
    townType: text('town_type', { enum: TOWN_TYPES }),
    villageCommittees: integer('village_committees'),
    residentCommittees: integer('resident_committees'),
  },
  (t) => [
    // A region's children a page at a time in code order (dashboards, pickers): the page read, not every child.
    index('regions_parent_idx').on(t.parentCode, t.code),
    index('regions_level_idx').on(t.level),
    // "Which county units have towns" (coverage pages, dashboards' children): an index-only merge, not every town's row.
    index('regions_town_parent_idx').on(t.parentCode).where(sql`level = 'town'`),
    // Station search matches the town's name (stations have no name of their own).
    index('regions_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);
