/**
 * The HTTP contract of /api/audit: its entries page by page, their verification, the export file,
 * and what member states witness the log with (the signed head, consistency and inclusion proofs).
 * Fastify validates the query string with these schemas (unknown parameters are refused), serialises
 * the answers with them, and /openapi.json is generated from them.
 */
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ProblemSchema } from '../schemas/common.js';

const TAG = ['Audit'];
const problems = { '4xx': ProblemSchema };
const NoQuery = Type.Object({}, { additionalProperties: false });

const Hash = (description = 'SHA-256, lower-case hex') =>
  Type.String({ pattern: '^[0-9a-f]{64}$', description, examples: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] });
const Size = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
const Hashes = (description: string) => Type.Array(Hash(), { description });

const TreeHead = Type.Object(
  {
    treeSize: Size('Entries the tree holds (entries 1..treeSize)'),
    rootHash: Hash(),
    timestamp: Type.String({ format: 'date-time', description: 'When the node signed it' }),
    keyId: Hash("SHA-256 (hex) of the node's public key, DER SubjectPublicKeyInfo"),
    signature: Type.String({ description: 'Ed25519 signature, base64' }),
  },
  {
    additionalProperties: false,
    description: 'A signed tree head: Ed25519 over the canonical JSON of {keyId, rootHash, timestamp, treeSize, version: "karvon-tree-head/1"} (docs/security.md)',
  },
);

const AuditEntry = Type.Object(
  {
    seq: Size('1, 2, 3... without gaps'),
    time: Type.String({ description: 'When it was recorded (ISO 8601, UTC)' }),
    // Actor and details are kept as stored, every field: an entry is verified by its hash.
    actor: Type.Object(
      {
        organisationId: Type.Optional(Type.String()),
        userId: Type.Optional(Type.String()),
        keyId: Type.Optional(Type.String()),
        via: Type.String({ description: "'session', 'api-key', 'bootstrap', 'cli' or 'system'" }),
        address: Type.Optional(Type.String({ description: 'Client address, when over HTTP' })),
      },
      { additionalProperties: true, description: 'Who did it' },
    ),
    action: Type.String({ description: 'What was done', examples: ['governance.vote'] }),
    target: Type.Optional(Type.String({ description: 'On what (an organisation, a proposal, a capture job...)' })),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
    details: Type.Object({}, { additionalProperties: true, description: 'Facts of the action (never secrets)' }),
    prevHash: Hash("The previous entry's hash (64 zeros for the first)"),
    hash: Hash('SHA-256 over the canonical form of every field above'),
  },
  { additionalProperties: false },
);

export const ListEntries = {
  summary: 'The audit log, in order (council and network operator)',
  tags: TAG,
  querystring: Type.Object(
    {
      afterSeq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Entries after this one (the nextAfterSeq of the previous page)' }),
      limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Entries per page' }),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object(
      {
        entries: Type.Array(AuditEntry),
        nextAfterSeq: Type.Optional(Size('The afterSeq of the next page; absent on the last page')),
      },
      { additionalProperties: false },
    ),
    ...problems,
  },
};

export const VerifyLog = {
  summary: 'Check the log, its Merkle tree and signed head, and every stored event against it; name the first problem',
  tags: TAG,
  querystring: NoQuery,
  response: {
    200: Type.Object(
      {
        ok: Type.Boolean(),
        entries: Size('Entries found sound (all of them when ok)'),
        rootHash: Type.Optional(Hash('The tree hash of those entries')),
        head: Type.Optional(TreeHead),
        expected: Type.Optional(TreeHead),
        events: Type.Optional(Size('Stored events checked')),
        problem: Type.Optional(
          Type.Object(
            {
              kind: Type.String({ description: 'What kind of tampering it shows', examples: ['rewritten', 'truncated', 'event-edited'] }),
              seq: Type.Optional(Size('The first entry that cannot be trusted')),
              sequence: Type.Optional(Size('The store sequence of the event at fault')),
              detail: Type.String(),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    ...problems,
  },
};

export const ExportLog = {
  summary: 'The audit log with its signed head as a JSON Lines file any member state can verify offline (karvon audit verify --file)',
  tags: TAG,
  querystring: NoQuery,
  response: {
    200: {
      description: 'A JSON Lines file: a header line with the signed head and public key, then one entry per line',
      // Streamed as it is written (a Readable, never serialised).
      content: { 'application/x-ndjson': { schema: Type.Unsafe<Readable>({ type: 'string', description: 'JSON Lines' }) } },
    },
    ...problems,
  },
};

export const Heads = {
  summary: "The node's current signed tree head and its public key (national coordinators too: keep it, and ask for a consistency proof next time)",
  tags: TAG,
  querystring: NoQuery,
  response: {
    200: Type.Object(
      {
        head: TreeHead,
        publicKey: Type.Object(
          {
            keyId: Hash(),
            algorithm: Type.Literal('Ed25519'),
            publicKey: Type.String({ description: 'DER SubjectPublicKeyInfo, base64' }),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    ...problems,
  },
};

export const Consistency = {
  summary: 'Consistency proof (RFC 9162) between the trees of `from` and `to` entries: the older head is a prefix of the newer',
  tags: TAG,
  querystring: Type.Object(
    {
      from: Size('The size of the older tree: the treeSize of the head the caller kept'),
      to: Type.Optional(Size('The size of the newer tree, at most the signed head’s (default: the signed head’s)')),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object(
      {
        from: Size('As asked'),
        to: Size('As asked, or the signed head’s size'),
        fromRoot: Hash('The tree hash of entries 1..from as the node holds them (compare with the root of the head you kept)'),
        toRoot: Hash('The tree hash of entries 1..to'),
        consistencyPath: Hashes('RFC 9162 2.1.4 consistency proof from `from` to `to`; empty when from is 0 or equals to'),
      },
      { additionalProperties: false },
    ),
    ...problems,
  },
};

export const Inclusion = {
  summary: 'Inclusion proof (RFC 9162) of entry `seq` in the tree of `size` entries',
  tags: TAG,
  querystring: Type.Object(
    {
      seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The entry number' }),
      size: Type.Optional(
        Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The tree size to prove inclusion in, from seq to the signed head’s (default: the signed head’s)' }),
      ),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object(
      {
        seq: Size('The entry number'),
        leafIndex: Size('Its leaf index in the tree: seq - 1'),
        treeSize: Size('The tree size the proof is for'),
        leafHash: Hash('SHA-256(0x00 || the entry’s sealed content)'),
        rootHash: Hash('The tree hash of entries 1..treeSize'),
        inclusionPath: Hashes('RFC 9162 2.1.3 inclusion proof, nearest sibling first'),
      },
      { additionalProperties: false },
    ),
    ...problems,
  },
};
