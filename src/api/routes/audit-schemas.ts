/**
 * The JSON schemas of the audit log's witnessing routes (heads, consistency and inclusion proofs):
 * Fastify validates the query string with them, serialises the answer with them, and /openapi.json
 * describes the routes from them. Unknown query parameters are refused rather than ignored.
 */
import type { FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';

const hash = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' } as const;
const size = (description: string) => ({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description }) as const;
const hashes = (description: string) => ({ type: 'array', items: hash, description }) as const;

const treeHead = {
  type: 'object',
  description: 'A signed tree head: Ed25519 over the canonical JSON of {keyId, rootHash, timestamp, treeSize, version: "karvon-tree-head/1"} (docs/security.md)',
  required: ['treeSize', 'rootHash', 'timestamp', 'keyId', 'signature'],
  additionalProperties: false,
  properties: {
    treeSize: size('Entries the tree holds (entries 1..treeSize)'),
    rootHash: hash,
    timestamp: { type: 'string', format: 'date-time', description: 'When the node signed it' },
    keyId: { ...hash, description: "SHA-256 (hex) of the node's public key, DER SubjectPublicKeyInfo" },
    signature: { type: 'string', description: 'Ed25519 signature, base64' },
  },
} as const;

export const HEADS_SCHEMA = {
  querystring: { type: 'object', properties: {}, additionalProperties: false },
  response: {
    200: {
      type: 'object',
      required: ['head', 'publicKey'],
      additionalProperties: false,
      properties: {
        head: treeHead,
        publicKey: {
          type: 'object',
          required: ['keyId', 'algorithm', 'publicKey'],
          additionalProperties: false,
          properties: {
            keyId: hash,
            algorithm: { type: 'string', enum: ['Ed25519'] },
            publicKey: { type: 'string', description: 'DER SubjectPublicKeyInfo, base64' },
          },
        },
      },
    },
  },
} as const;

export const CONSISTENCY_SCHEMA = {
  querystring: {
    type: 'object',
    required: ['from'],
    additionalProperties: false,
    properties: {
      from: size('The size of the older tree: the treeSize of the head the caller kept'),
      to: size('The size of the newer tree, at most the signed head’s (default: the signed head’s)'),
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['from', 'to', 'fromRoot', 'toRoot', 'consistencyPath'],
      additionalProperties: false,
      properties: {
        from: size('As asked'),
        to: size('As asked, or the signed head’s size'),
        fromRoot: { ...hash, description: 'The tree hash of entries 1..from as the node holds them (compare with the root of the head you kept)' },
        toRoot: { ...hash, description: 'The tree hash of entries 1..to' },
        consistencyPath: hashes('RFC 9162 2.1.4 consistency proof from `from` to `to`; empty when from is 0 or equals to'),
      },
    },
  },
} as const;

export const INCLUSION_SCHEMA = {
  querystring: {
    type: 'object',
    required: ['seq'],
    additionalProperties: false,
    properties: {
      seq: { ...size('The entry number'), minimum: 1 },
      size: { ...size('The tree size to prove inclusion in, from seq to the signed head’s (default: the signed head’s)'), minimum: 1 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['seq', 'leafIndex', 'treeSize', 'leafHash', 'rootHash', 'inclusionPath'],
      additionalProperties: false,
      properties: {
        seq: size('The entry number'),
        leafIndex: size('Its leaf index in the tree: seq - 1'),
        treeSize: size('The tree size the proof is for'),
        leafHash: { ...hash, description: 'SHA-256(0x00 || the entry’s sealed content)' },
        rootHash: { ...hash, description: 'The tree hash of entries 1..treeSize' },
        inclusionPath: hashes('RFC 9162 2.1.3 inclusion proof, nearest sibling first'),
      },
    },
  },
} as const;

/** A preValidation hook refusing query parameters the route's schema does not name (400, named). */
export function refuseUnknownQuery(schema: { querystring: { properties: Record<string, unknown> } }) {
  const known = Object.keys(schema.querystring.properties);
  return async (request: FastifyRequest): Promise<void> => {
    const unknown = Object.keys((request.query ?? {}) as Record<string, unknown>).filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new KarvonError(
        'KRV_QUERY_PARAMETER',
        `Unknown query parameter ${unknown.map((n) => `'${n}'`).join(', ')}: this route takes ${known.length > 0 ? known.join(' and ') : 'none'}`,
      );
    }
  };
}
