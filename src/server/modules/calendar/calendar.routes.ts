import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/calendar';
import { registerRoute } from '../../platform/routes';
import { deadlines, groupItems } from './calendar.service';

export function calendarRoutes(app: FastifyInstance): void {
  registerRoute(app, c.deadlineCalendar, (ctx, { query }) => deadlines(ctx, query.from, query.to));
  registerRoute(app, c.deadlineGroupItems, (ctx, { query }) => groupItems(ctx, query));
}
