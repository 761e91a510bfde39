import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/calendar';
import { registerRoute } from '../../platform/routes';
import { deadlines } from './calendar.service';

export function calendarRoutes(app: FastifyInstance): void {
  registerRoute(app, c.deadlineCalendar, (ctx, { query }) => deadlines(ctx, query.from, query.to));
}
