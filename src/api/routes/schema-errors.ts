/**
 * The message of a 400 from Fastify's schema validation: every problem found (validation runs with
 * allErrors), an unknown field or query parameter by its name, so a caller sees at once which of
 * its fields the route does not take. Route plugins install it with setSchemaErrorFormatter.
 */
import type { FastifySchemaValidationError } from 'fastify';

/** Where in the request a validation error is: `body/vote`, `querystring/from`. */
function where(dataVar: string, instancePath: string): string {
  return `${dataVar}${instancePath}`;
}

function describe(error: FastifySchemaValidationError, dataVar: string): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const name = params.additionalProperty;
    if (dataVar === 'querystring' && error.instancePath === '') return `Unknown query parameter '${name}'`;
    return `Unknown field '${name}' in ${where(dataVar, error.instancePath)}`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${where(dataVar, error.instancePath)} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where(dataVar, error.instancePath)} ${error.message ?? 'is not valid'}`;
}

/** A Fastify schemaErrorFormatter naming every field at fault. */
export function describeSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const messages = [...new Set(errors.map((error) => describe(error, dataVar)))];
  return new Error(messages.join('; '));
}
