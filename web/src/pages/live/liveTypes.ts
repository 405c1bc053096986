/** The live map's shapes, named once from the typed API (schema.d.ts is generated from the server's OpenAPI). */
import type { paths } from '../../api/schema';

/** A unit where its device last reported it (GET /api/live/units, and the live stream's "unit" events). */
export type LiveUnit = paths['/api/live/units']['get']['responses']['200']['content']['application/json']['units'][number];
