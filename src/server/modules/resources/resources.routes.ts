import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/resources';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as service from './resources.service';

export function resourceRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listNeeds, (ctx, { query }) => service.listNeeds(ctx, query));
  registerRoute(app, c.getNeed, (ctx, { params }) => service.getNeed(ctx, params.id));
  registerRoute(app, c.createNeed, (ctx, { body }) => service.createNeed(ctx, body));
  registerRoute(app, c.closeNeed, (ctx, { params, body }) => service.closeNeed(ctx, params.id, body));
  registerRoute(app, c.requestNeedPublic, (ctx, { params, body }) => service.requestPublic(ctx, params.id, body));
  registerRoute(app, c.reviewNeedPublic, (ctx, { params, body }) => service.reviewPublic(ctx, params.id, body));
  registerRoute(app, c.needSuggestions, (ctx, { params }) => service.suggestions(ctx, params.id));
  registerRoute(app, c.listOffers, (ctx, { query }) => service.listOffers(ctx, query));
  registerRoute(app, c.getOffer, (ctx, { params }) => service.getOffer(ctx, params.id));
  registerRoute(app, c.createOffer, (ctx, { body }) => service.createOffer(ctx, body));
  registerRoute(app, c.proposeMatch, (ctx, { body }) => service.propose(ctx, body));
  registerRoute(app, c.decideMatch, (ctx, { params, body }) => service.decide(ctx, params.id, body));
  registerRoute(app, c.uploadMatchProof, (ctx, { params }, _reply, request) => service.attachProof(ctx, params.id, request));
  registerRoute(app, c.downloadMatchProof, async (ctx, { params }, reply) => sendStoredFile(reply, await service.proof(ctx, params.id, params.fileId)));
  registerRoute(app, c.recordDelivery, (ctx, { params, body }) => service.deliver(ctx, params.id, body));
  registerRoute(app, c.publicResourceWall, (ctx, { query }) => service.wall(ctx, query));
  registerRoute(app, c.publicResourcePhoto, async (ctx, { params }, reply) => sendStoredFile(reply, await service.wallPhoto(ctx, params.id)));
}
