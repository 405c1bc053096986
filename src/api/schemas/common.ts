/**
 * Schema pieces every route shares: the RFC 7807 problem every error answers with, and small
 * reusable parameter and list shapes. Route schemas live next to their routes in *.schemas.ts.
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { ERROR_TABLE, karvonProblemType } from '../../errors.js';

/** One of a fixed list of strings, as a JSON Schema enum (a refusal then lists the allowed values). */
export function Choice<const T extends string>(values: readonly T[], description: string) {
  return Type.Enum([...values], { description });
}

export const ValidationIssueSchema = Type.Object(
  {
    pointer: Type.Optional(Type.String({ description: 'JSON pointer into the body, query string or path parameters where the problem is' })),
    xmlPath: Type.Optional(Type.String({ description: 'Element path, for XML input' })),
    line: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.Integer()),
    message: Type.String({ description: 'What is wrong there, naming the field' }),
  },
  { additionalProperties: false },
);

/** The body of every error answer (application/problem+json). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'https://ns.karvon.org/problems/<name>, or epcisException:<Exception> under /epcis (docs/errors.md)' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong, naming the field or parameter' }),
    instance: Type.Optional(Type.String({ description: 'The path that was asked' })),
    code: Choice(Object.keys(ERROR_TABLE), 'Karvon error code (docs/errors.md)'),
    issues: Type.Optional(Type.Array(ValidationIssueSchema, { description: 'Every finding, each with where it is' })),
  },
  {
    additionalProperties: false,
    description: 'RFC 7807 problem details',
    examples: [
      {
        type: karvonProblemType('KRV_VALIDATION'),
        title: ERROR_TABLE.KRV_VALIDATION.title,
        status: 400,
        detail: 'body.hourz is not a field this route takes',
        instance: '/api/shipments/urn:karvon:shipment:1/public-links',
        code: 'KRV_VALIDATION',
        issues: [{ pointer: '/hourz', message: 'body.hourz is not a field this route takes' }],
      },
    ],
  },
);
export type Problem = Static<typeof ProblemSchema>;

/** The error answers of a route: every 4xx and 5xx is a problem. */
export const PROBLEM_RESPONSES = { '4xx': ProblemSchema, '5xx': ProblemSchema } as const;

/** A query string that takes no parameters at all: any one given is refused by name. */
export const NoQuerySchema = Type.Object({}, { additionalProperties: false });

/** The body of an action that needs none (suspend, disable...): nothing, or an empty JSON object. */
export const NoBodySchema = Type.Object({}, { additionalProperties: false, description: 'Nothing, or an empty JSON object {}' });

/**
 * A preValidation hook for routes whose body may be left out: no body is validated as the empty
 * object it means (so the schema's defaults apply and unknown fields are still refused).
 */
export async function absentBodyAsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * The serializer of the routes that answer with objects built in order by the features (read model
 * snapshots, reference data, organisations...): JSON.stringify keeps their key order and every
 * field, where fast-json-stringify would write required keys first and drop what a schema leaves
 * out. The response schemas then document the answers, and tests check answers against them
 * (test/api/response-schemas.test.ts, test/api/openapi-contract.test.ts).
 */
export function serializeAsBuilt(): (payload: unknown) => string {
  return (payload) => JSON.stringify(payload);
}

/** A path with one `id` parameter. */
export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, description: 'The id' }) }, { additionalProperties: false });

/** An answer with nothing in it (204). */
export const NoContentSchema = Type.Null({ description: 'No content' });

/** A counted list of items: { count, items }. */
export function CountedList<T extends TSchema>(item: T, description: string) {
  return Type.Object({ count: Type.Integer({ minimum: 0 }), items: Type.Array(item) }, { additionalProperties: false, description });
}

/** An array the TypeScript side sees as readonly (our models hand out readonly lists). */
export function ReadonlyList<T extends TSchema>(item: T, options: Parameters<typeof Type.Array>[1] = {}) {
  return Type.Immutable(Type.Array(item, options));
}

/** A date-time as ISO 8601 text. */
export const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });
