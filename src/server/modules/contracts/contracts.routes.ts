import type { FastifyInstance } from 'fastify';
import * as c from '../../../shared/contracts/service-contracts';
import { registerRoute } from '../../platform/routes';
import { sendStoredFile } from '../../platform/uploads';
import * as money from './contract-money';
import * as service from './contracts.service';

export function contractRoutes(app: FastifyInstance): void {
  registerRoute(app, c.listContracts, (ctx, { query }) => service.list(ctx, query));
  registerRoute(app, c.getContract, (ctx, { params }) => service.get(ctx, params.id));
  registerRoute(app, c.createContract, (ctx, { body }) => service.create(ctx, body));
  registerRoute(app, c.updateContract, (ctx, { params, body }) => service.update(ctx, params.id, body));
  registerRoute(app, c.signContract, (ctx, { params, body }) => service.sign(ctx, params.id, body));
  registerRoute(app, c.changeContractStatus, (ctx, { params, body }) => service.changeStatus(ctx, params.id, body));
  registerRoute(app, c.recordPayment, (ctx, { params, body }) => money.recordPayment(ctx, params.id, body));
  registerRoute(app, c.recordSpending, (ctx, { params, body }) => money.recordSpending(ctx, params.id, body));
  registerRoute(app, c.recordGrade, (ctx, { params, body }) => money.recordGrade(ctx, params.id, body));
  registerRoute(app, c.uploadContractFile, (ctx, { params }, _reply, request) => money.uploadFile(ctx, params.id, request));
  registerRoute(app, c.downloadContractFile, async (ctx, { params }, reply) =>
    sendStoredFile(reply, await money.downloadFile(ctx, params.id, params.fileId)),
  );
  registerRoute(app, c.contractorRecord, (ctx, { params }) => money.contractorRecord(ctx, params.id));
}
