/**
 * Compact storage forms of the two unique keys of an event (see schema.ts): canonical hash IDs as
 * their 32-byte digest, "urn:uuid:" eventIDs as their 16 bytes. Anything else is kept as text, and
 * only the exact canonical spelling is compacted, so decoding always gives back the input.
 */
const HASH_PREFIX = 'ni:///sha-256;';
const HASH_SUFFIX = '?ver=CBV2.0';
const CANONICAL_HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;
const CANONICAL_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The stored form of a hash ID: a 32-byte digest when canonical, else the text. */
export function encodeHashID(hashID: string): Buffer | string {
  if (!CANONICAL_HASH.test(hashID)) return hashID;
  return Buffer.from(hashID.slice(HASH_PREFIX.length, HASH_PREFIX.length + 64), 'hex');
}

/** The hash ID a stored value stands for. */
export function decodeHashID(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  return `${HASH_PREFIX}${stored.toString('hex')}${HASH_SUFFIX}`;
}

/** The stored form of an eventID: 16 bytes for a lower-case "urn:uuid:", else the text. */
export function encodeEventID(eventID: string): Buffer | string {
  if (!CANONICAL_UUID.test(eventID)) return eventID;
  return Buffer.from(eventID.slice('urn:uuid:'.length).replaceAll('-', ''), 'hex');
}

/** The eventID a stored value stands for. */
export function decodeEventID(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  const h = stored.toString('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
