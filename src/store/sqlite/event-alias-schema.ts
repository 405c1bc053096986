/**
 * Aliases of stored events: an eventID a sender gave to content that was stored already under
 * another eventID (the same hash ID). An eventID names one event, so the sender's must keep
 * resolving: `event_alias` maps it to the hash ID of the stored event, and get() and EQ_eventID
 * look there when `event.event_id` does not know the id.
 *
 * - `event_alias` (event_id, hash_id) WITHOUT ROWID, keyed by the alias, which capture probes once
 *   per event (the table is tiny next to `event`; most senders never repeat content). Both columns
 *   use the compact forms of compact-ids.ts, like `event`. It refers to the hash ID rather than a
 *   sequence so that an alias, like an eventID, names the event and its error declaration alike.
 * - `capture_job.content_duplicates`: the job's list of content duplicates (JSON [{eventID,
 *   hashID}]), NULL when there were none.
 */
export const EVENT_ALIAS_SCHEMA = `
  CREATE TABLE event_alias (
    event_id PRIMARY KEY,
    hash_id NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE capture_job ADD COLUMN content_duplicates TEXT;
`;
