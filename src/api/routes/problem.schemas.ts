/**
 * The RFC 7807 problem body every error answer carries, as the routes declare it for their 4xx
 * answers. Additional properties are allowed (and kept by serialisation): problems carry Karvon's
 * error `code` and, for invalid documents, the `issues` found.
 */
import { Type, type Static } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'The kind of problem (an EPCIS exception type on /epcis, Karvon’s own elsewhere)' }),
    title: Type.String({ description: 'A short summary of the kind of problem' }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status code' }),
    detail: Type.String({ description: 'What was wrong in this request, and how to fix it' }),
    instance: Type.Optional(Type.String({ description: 'The path of the request' })),
  },
  {
    additionalProperties: true,
    description: 'RFC 7807 problem details',
    examples: [
      {
        type: 'epcisException:QueryParameterException',
        title: 'A query parameter is unknown or malformed',
        status: 400,
        detail: "Unknown query parameter 'since'",
        instance: '/api/audit/consistency?from=1&since=2',
        code: 'KRV_QUERY_PARAMETER',
      },
    ],
  },
);
export type Problem = Static<typeof ProblemSchema>;
