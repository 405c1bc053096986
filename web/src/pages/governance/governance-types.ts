/** The governance shapes the page shows, as the server's OpenAPI declares them, and their wording. */
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type Member = Json<paths['/api/governance/members']['get']['responses']['200']>['members'][number];
export type Chair = Json<paths['/api/governance/chair']['get']['responses']['200']>;
export type Proposal = Json<paths['/api/governance/proposals']['get']['responses']['200']>['proposals'][number];
export type ProposalKind = Proposal['kind'];

