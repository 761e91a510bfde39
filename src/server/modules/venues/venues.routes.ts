import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/venues';
import { registerRoute } from '../../platform/routes';
import * as service from './venues.service';

export function venueRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listRooms, (ctx, { query }) => service.rooms(ctx, query));
  registerRoute(app, c.createRoom, (ctx, { body }) => service.createRoom(ctx, body));
  registerRoute(app, c.listBookings, (ctx, { params, query }) => service.bookings(ctx, params.id, query));
  registerRoute(app, c.createBooking, (ctx, { body }) => service.book(ctx, body));
  registerRoute(app, c.cancelBooking, (ctx, { params }) => service.cancel(ctx, params.id));
  registerRoute(app, c.venueUsage, (ctx, { query }) => service.usage(ctx, query));
}
