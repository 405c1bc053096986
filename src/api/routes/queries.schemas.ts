/**
 * The HTTP contract of EPCIS named queries (/epcis/queries). Documentation only, as every EPCIS
 * schema (epcis.schemas.ts); a definition's JSON shape is also what serialises it.
 */
import { Type } from 'typebox';
import { noContent, PagingQuery, problems, QueryDocument } from './epcis.schemas.js';

const TAG = ['EPCIS named queries'];

const QueryDefinition = Type.Object({}, {
  additionalProperties: true,
  description: 'Query parameters as in the query string, with JSON values (arrays for lists)',
  examples: [{ EQ_bizStep: ['departing'], MATCH_anyEPC: ['urn:epc:id:sscc:4870001.0000000042'] }],
});

/** A named query as the REST binding shows it (the order of its fields is the order written). */
export const NamedQueryJson = Type.Object(
  {
    name: Type.String({ examples: ['my-containers'] }),
    owner: Type.Union([Type.String(), Type.Null()], { description: 'The organisation it belongs to (null: stored before queries had owners)' }),
    query: QueryDefinition,
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

const QueryName = Type.Object({ queryName: Type.String({ description: 'The name of one of your named queries' }) });
const OwnerQuery = Type.Object(
  { owner: Type.Optional(Type.String({ description: "The network operator only: the organisation whose query it is (empty: a query without owner)" })) },
  { additionalProperties: true },
);

export const CreateNamedQuery = {
  summary: 'Create a named query of your organisation (each has its own names): {"name": ..., "query": {...}}',
  tags: TAG,
  body: {
    content: {
      'application/json': {
        schema: Type.Unsafe<Buffer>(
          Type.Object(
            {
              name: Type.String({ pattern: '^[A-Za-z0-9._~-]{1,200}$', description: 'Letters, digits, ".", "_", "~" or "-"' }),
              query: QueryDefinition,
            },
            { additionalProperties: false, examples: [{ name: 'my-containers', query: { MATCH_anyEPC: ['urn:epc:id:sscc:4870001.0000000042'] } }] },
          ),
        ),
      },
    },
  },
  response: { 201: noContent('Created: the query is at Location', { Location: '/epcis/queries/{queryName}' }), ...problems },
};

export const ListNamedQueries = {
  summary: "List your organisation's named queries (the network operator: all, with their owner)",
  tags: TAG,
  querystring: PagingQuery,
  response: { 200: Type.Array(NamedQueryJson, { description: 'One page; the Link header (rel="next") gives the next' }), ...problems },
};

export const GetNamedQuery = {
  summary: 'The definition of one of your named queries (the network operator: ?owner=<organisation id> for another one)',
  tags: TAG,
  params: QueryName,
  querystring: OwnerQuery,
  response: { 200: NamedQueryJson, ...problems },
};

export const DeleteNamedQuery = {
  summary: 'Delete one of your named queries (the network operator: any, with ?owner=)',
  tags: TAG,
  params: QueryName,
  querystring: OwnerQuery,
  response: { 204: noContent('Deleted'), ...problems },
};

export const RunNamedQuery = {
  summary: 'Run one of your named queries',
  tags: TAG,
  params: QueryName,
  querystring: Type.Object(
    { ...OwnerQuery.properties, ...PagingQuery.properties },
    { additionalProperties: true, description: 'owner (the network operator), perPage and nextPageToken; the query itself is the stored definition' },
  ),
  response: { 200: QueryDocument, ...problems },
};
