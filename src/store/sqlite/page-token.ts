/**
 * Opaque page tokens: base64url JSON of the last returned sort key. Tokens come back from clients,
 * so decoding checks their shape and turns anything else into the standard's QueryParameterException.
 */
import { EpcisException } from '../../epcis/exceptions.js';

/** Encodes a keyset position as an opaque token. */
export function encodePageToken(position: Record<string, number | string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a token whose fields must all be of the given types; throws QueryParameterException otherwise. */
export function decodePageToken<T extends Record<string, number | string>>(
  token: string,
  shape: { [K in keyof T]: T[K] extends number ? 'number' : 'string' },
): T {
  const invalid = (): EpcisException => new EpcisException('QueryParameterException', 'nextPageToken is not valid');
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const record = parsed as Record<string, unknown>;
  for (const [key, type] of Object.entries(shape)) {
    const value = record[key];
    if (typeof value !== type) throw invalid();
    if (type === 'number' && !Number.isSafeInteger(value)) throw invalid();
  }
  return record as T;
}

/** Validates a perPage argument (a positive integer); throws QueryParameterException otherwise. */
export function checkPerPage(perPage: number): number {
  if (!Number.isSafeInteger(perPage) || perPage < 1) {
    throw new EpcisException('QueryParameterException', `perPage must be a positive integer, got ${String(perPage)}`);
  }
  return perPage;
}
