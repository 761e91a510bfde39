import { z } from 'zod';
import { route } from './http';
import { DASHBOARD_FIGURES, type DashboardFigure } from './dashboard-figures';
import { yearSchema } from './money';

/**
 * 驾驶舱: province → city → county → town (its station), each a drill-down to the next, read
 * from roll-ups (never the raw records). Every figure opens the list it counts, built from its
 * row's place by dashboardLinks (dashboard-links.ts), or none when no list can be narrowed to
 * exactly that region.
 */
export { DASHBOARD_FIGURE_LABELS, DASHBOARD_FIGURES, type DashboardFigure } from './dashboard-figures';

export const figuresSchema = z.object(Object.fromEntries(DASHBOARD_FIGURES.map((k) => [k, z.number()])) as Record<DashboardFigure, z.ZodNumber>);
export type Figures = z.infer<typeof figuresSchema>;

const linkSchema = z.string().nullable();

const countLine = z.object({ key: z.string(), label: z.string(), value: z.number(), link: linkSchema });
export type CountLine = z.infer<typeof countLine>;

export const dashboardRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  /** The station of a town, if any. */
  stationId: z.string().nullable(),
  /** A child can be opened as a dashboard of its own. */
  drillable: z.boolean(),
  figures: figuresSchema,
  /** The county unit the row is or lies in (null above the counties): with stationId, its place. */
  countyCode: z.string().nullable(),
  /** The actor's whole scope (the total of their home dashboard): its lists need no region filter. */
  wholeScope: z.boolean(),
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;

export const dashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string(), stationId: z.string().nullable() }),
  /** From the actor's top region down to this one. */
  breadcrumb: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  year: z.number().int(),
  asOf: z.string(),
  total: dashboardRowSchema,
  /**
   * One page of the child regions (a county's towns, a city's counties …), in the order asked for;
   * empty for a town. The answer's size never grows with the number of children.
   */
  children: z.array(dashboardRowSchema),
  childrenPage: z.object({
    /** How many child regions there are in all. */
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    sort: z.string(),
    order: z.enum(['asc', 'desc']),
    /** The children not on this page, summed for `figure` (the sort figure; records when sorted by code). */
    others: z.object({ count: z.number().int(), figure: z.enum(DASHBOARD_FIGURES), value: z.number() }),
  }),
  months: z.array(
    z.object({
      month: z.string(),
      records: z.number(),
      hours: z.number(),
      persons: z.number(),
      homeVisits: z.number(),
      volunteerHours: z.number(),
      spentFen: z.number(),
      link: linkSchema,
    }),
  ),
  domains: z.array(countLine.extend({ persons: z.number() })),
  targetGroups: z.array(countLine),
  grades: z.array(countLine),
  findingsByRule: z.array(countLine),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

const params = z.strictObject({
  /** A region code, or "home" for the actor's own region. */
  regionCode: z.union([z.literal('home'), z.string().regex(/^\d{2,12}$/, { error: '区划代码为数字' })]),
});
const query = z.strictObject({
  year: yearSchema.optional(),
  /** Children ordered by a figure (largest first unless order=asc) or by region code (default). */
  sort: z.enum(['code', ...DASHBOARD_FIGURES]).default('code'),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DashboardQuery = z.input<typeof query>;
const exportQuery = z.strictObject({ year: yearSchema.optional() });

export const getDashboard = route({
  method: 'GET', path: '/api/dashboards/:regionCode', summary: '驾驶舱：一个区划及其下级的统计（读汇总表）', tag: 'dashboards',
  permission: 'dashboard:read', params, query, response: dashboardSchema,
});

export const exportDashboard = route({
  method: 'GET', path: '/api/dashboards/:regionCode/export', summary: '导出驾驶舱统计（Excel）', tag: 'dashboards',
  permission: 'dashboard:read', params, query: exportQuery,
});
