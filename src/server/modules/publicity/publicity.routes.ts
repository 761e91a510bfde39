import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as c from '../../../shared/contracts/publicity';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as pages from './publicity.pages';
import { robotsTxt, sitemapXml } from './publicity.sitemap';
import * as service from './publicity.service';

// Public pages change when a story is published: a short shared cache keeps them fast.
const html = (reply: FastifyReply, body: string) =>
  reply.type('text/html; charset=utf-8').header('Cache-Control', 'public, max-age=60').send(body);

// The site's own address as the request reached it (behind a trusted proxy, its forwarded host and scheme).
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function publicityRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listPosts, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getPost, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createPost, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updatePost, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.uploadPostPhoto, (ctx, { params }, _reply, request) => service.attachPhoto(ctx, params.id, request));
  registerRoute(app, c.downloadPostPhoto, async (ctx, { params }, reply) => sendStoredFile(reply, await service.photo(ctx, params.id, params.fileId)));
  registerRoute(app, c.submitPost, (ctx, { params, body }) => service.submit(ctx, params.id, body.version));
  registerRoute(app, c.reviewPost, (ctx, { params, body }) => service.review(ctx, params.id, body));
  registerRoute(app, c.listBrands, (ctx, { query }) => service.listBrands(ctx, query));
  registerRoute(app, c.createBrand, (ctx, { body }) => service.createBrand(ctx, body));
  registerRoute(app, c.updateBrand, (ctx, { params, body }) => service.updateBrand(ctx, params.id, body));
  registerRoute(app, c.directoryPage, async (ctx, { query }, reply) => html(reply, await pages.directoryHtml(ctx.db, query.q, query.page)));
  registerRoute(app, c.stationPage, async (ctx, { params }, reply) => html(reply, await pages.stationHtml(ctx.db, params.id)));
  registerRoute(app, c.storyPage, async (ctx, { params }, reply) => html(reply, await pages.storyHtml(ctx.db, params.id)));
  registerRoute(app, c.publicPostPhoto, async (ctx, { params }, reply) => sendStoredFile(reply, await pages.publicPhoto(ctx.db, params.id, params.fileId)));
  // Crawlers fetch these often; an hour's shared cache keeps them from reaching the database each time.
  registerRoute(app, c.sitemap, async (ctx, { query }, reply, request) =>
    reply.type('application/xml; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(await sitemapXml(ctx.db, origin(request), query.page)));
  registerRoute(app, c.robots, async (_ctx, _input, reply, request) =>
    reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(robotsTxt(origin(request))));
}
