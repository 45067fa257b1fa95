import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import * as memberships from './memberships.service.ts';
import * as networks from './networks.service.ts';
import { ORGANISATION_COLUMNS } from './organisations.export.ts';
import * as organisations from './organisations.service.ts';
import * as people from './people.service.ts';
import * as s from './registry.schemas.ts';

const NETWORK_COLUMNS: Column<Awaited<ReturnType<typeof networks.listNetworks>>[number]>[] = [
  { header: 'Slug', value: (n) => n.slug },
  { header: 'Type', value: (n) => n.kind },
  { header: 'Nom', value: (n) => n.name, width: 36 },
  { header: 'Domaine', value: (n) => n.domain, width: 30 },
  { header: 'Membres', value: (n) => n.memberCount },
  { header: 'Reconnu depuis', value: (n) => n.recognisedFrom },
  { header: 'Site web', value: (n) => n.website, width: 30 },
  { header: 'Illustratif', value: (n) => (n.illustrative ? 'oui' : 'non') },
];

export async function registryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];

  r.get(
    '/networks',
    { schema: { tags, summary: 'Poles and clusters with their member count', querystring: s.asOfQuery } },
    async (req, reply) => {
      const items = await networks.listNetworks(req.ctx, req.query.asOf);
      if (req.query.format !== 'json')
        return sendTable(reply, items, NETWORK_COLUMNS, req.query.format, 'reseaux');
      return { items };
    },
  );

  r.get(
    '/networks/:slug',
    {
      schema: {
        tags,
        summary: 'One network with its key figures',
        params: s.slugParams,
        querystring: s.asOfQuery,
      },
    },
    async (req) => networks.getNetwork(req.ctx, req.params.slug, req.query.asOf),
  );

  r.get(
    '/stats',
    { schema: { tags, summary: 'Key figures across all networks', querystring: s.asOfQuery } },
    async (req) => networks.keyFigures(req.ctx, null, req.query.asOf),
  );

  r.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations, filtered, sorted and paginated',
        querystring: s.organisationListQuery,
      },
    },
    async (req) => organisations.listOrganisations(req.ctx, req.query),
  );

  r.get(
    '/organisations/export',
    {
      schema: { tags, summary: 'The filtered organisation list as CSV or XLSX', querystring: s.exportQuery },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      return sendTable(
        reply,
        organisations.iterateOrganisations(req.ctx, filters),
        ORGANISATION_COLUMNS,
        format,
        'organisations',
      );
    },
  );

  r.get(
    '/organisations/:id',
    { schema: { tags, summary: 'One organisation with its membership history', params: s.idParams } },
    async (req) => organisations.getOrganisation(req.ctx, req.params.id),
  );

  r.post(
    '/organisations',
    { schema: { tags, summary: 'Create an organisation (managers)', body: s.organisationCreateBody } },
    async (req, reply) => reply.status(201).send(await organisations.createOrganisation(req.ctx, req.body)),
  );

  r.patch(
    '/organisations/:id',
    {
      schema: { tags, summary: 'Update an organisation', params: s.idParams, body: s.organisationPatchBody },
    },
    async (req) => organisations.updateOrganisation(req.ctx, req.params.id, req.body),
  );

  r.delete(
    '/organisations/:id',
    { schema: { tags, summary: 'Delete an organisation', params: s.idParams } },
    async (req, reply) => {
      await organisations.deleteOrganisation(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );

  r.post(
    '/organisations/:id/memberships',
    { schema: { tags, summary: 'Add a membership period', params: s.idParams, body: s.membershipBody } },
    async (req, reply) =>
      reply.status(201).send(await memberships.addMembership(req.ctx, req.params.id, req.body)),
  );

  r.patch(
    '/memberships/:id',
    {
      schema: {
        tags,
        summary: 'End or correct a membership period',
        params: s.idParams,
        body: s.membershipPatchBody,
      },
    },
    async (req) => memberships.updateMembership(req.ctx, req.params.id, req.body),
  );

  r.delete(
    '/memberships/:id',
    { schema: { tags, summary: 'Delete a membership period (corrections)', params: s.idParams } },
    async (req, reply) => {
      await memberships.deleteMembership(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/organisations/:id/people',
    { schema: { tags, summary: 'Contacts of an organisation (personal data)', params: s.idParams } },
    async (req) => ({
      items: await people.listPeople(req.ctx, req.params.id),
    }),
  );

  r.post(
    '/organisations/:id/people',
    { schema: { tags, summary: 'Add a contact', params: s.idParams, body: s.personBody } },
    async (req, reply) => reply.status(201).send(await people.addPerson(req.ctx, req.params.id, req.body)),
  );

  r.delete(
    '/people/:id',
    { schema: { tags, summary: 'Delete a contact', params: s.idParams } },
    async (req, reply) => {
      await people.deletePerson(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
}
