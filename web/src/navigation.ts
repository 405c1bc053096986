/**
 * The app's pages as the navigation lists them, and who each is for. The server decides what a
 * caller may read or do; this only keeps pages out of the menu that would show a caller nothing.
 */
import type { Me } from './api/client';

export interface NavItem {
  /** Path of the page. */
  readonly to: string;
  /** Key of its name in the common namespace (nav.*). */
  readonly label: string;
  readonly shownTo: (me: Me) => boolean;
}

const kind = (me: Me) => me.organisation.kind;
const has = (me: Me, scope: Me['scopes'][number]) => me.scopes.includes(scope);
const isAdmin = (me: Me) => me.role === 'admin' || has(me, 'admin');

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/shipments', label: 'nav.shipments', shownTo: () => true },
  // Where units are now is for those who see shipments; the network's bodies see aggregates only (the API answers them nothing).
  { to: '/live', label: 'nav.live', shownTo: (me) => kind(me) !== 'secretariat' && kind(me) !== 'council' },
  // Alerts are about shipments: the network's bodies, who see aggregates only, have none.
  { to: '/alerts', label: 'nav.alerts', shownTo: (me) => kind(me) !== 'secretariat' && kind(me) !== 'council' },
  { to: '/crossings', label: 'nav.crossings', shownTo: (me) => kind(me) === 'customs-authority' || kind(me) === 'network-operator' || kind(me) === 'port' || kind(me) === 'railway' },
  { to: '/capture', label: 'nav.capture', shownTo: (me) => has(me, 'capture') },
  // Corridor statistics are aggregates for the network's bodies and the national coordinators (the API refuses others).
  { to: '/statistics', label: 'nav.statistics', shownTo: (me) => ['secretariat', 'council', 'network-operator', 'national-coordinator'].includes(kind(me)) },
  { to: '/governance', label: 'nav.governance', shownTo: () => true },
  { to: '/audit', label: 'nav.audit', shownTo: (me) => kind(me) === 'council' || kind(me) === 'network-operator' },
  { to: '/keys', label: 'nav.keys', shownTo: (me) => isAdmin(me) },
  { to: '/admin', label: 'nav.admin', shownTo: (me) => isAdmin(me) },
];
