import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PolarisError } from '../domain/errors.ts';

const STATUS: Record<string, number> = {
  validation_failed: 400,
  import_rejected: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  data_dir_locked: 423,
};

/** The one place where errors become HTTP answers: `{ error, code, details: [{ path, message }] }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | PolarisError | Error, req, reply) => {
    if (err instanceof PolarisError) {
      const status = STATUS[err.code] ?? 400;
      return reply.status(status).send({ error: err.message, code: err.code, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path:
          `${err.validationContext ?? ''}${v.instancePath.replace(/\//g, '.')}`.replace(
            /^(body|querystring|params)\.?/,
            '',
          ) || String(v.params?.issue ? '' : ''),
        message: v.message ?? 'invalid',
      }));
      return reply
        .status(400)
        .send({ error: 'The request is not valid', code: 'validation_failed', details });
    }
    const fe = err as FastifyError;
    if (fe.statusCode && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send({ error: fe.message, code: fe.code ?? 'bad_request', details: [] });
    }
    req.log.error(err);
    return reply.status(500).send({ error: 'Internal error', code: 'internal', details: [] });
  });
}
