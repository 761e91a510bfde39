import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Responses are written by fast-json-stringify from the contract's JSON Schema: only the
 * declared fields leave the server, at a fraction of the cost of a full zod encode on every
 * response. Tests use the zod serializer instead, so a DTO that breaks its contract fails there.
 */
export const fastSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJson(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-07' }) as object);

export const strictSerializerCompiler = zodSerializerCompiler;
