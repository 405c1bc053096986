/**
 * The app's pages and their addresses. Every page but sign-in, the public tracking page and "not
 * found" needs a signed-in caller. Each page is its own chunk, loaded when first visited, so the map
 * and the charts are fetched only by the pages that show them.
 */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { SignInPage } from './pages/SignIn';
import { RequireSignIn } from './session';

const ShipmentsPage = lazy(() => import('./pages/shipments/ShipmentsPage'));
const ShipmentPage = lazy(() => import('./pages/shipment/ShipmentPage'));
const BoardPage = lazy(() => import('./pages/board/BoardPage'));
const PublicTrackingPage = lazy(() => import('./pages/public/PublicTrackingPage'));
const CapturePage = lazy(() => import('./pages/capture/CapturePage'));
const KeysPage = lazy(() => import('./pages/keys/KeysPage'));
const GovernancePage = lazy(() => import('./pages/governance/GovernancePage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const StatisticsPage = lazy(() => import('./pages/statistics/StatisticsPage'));
const LiveMapPage = lazy(() => import('./pages/live/LiveMapPage'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage'));

/** The pages behind sign-in, by path. */
const SIGNED_IN_PAGES: ReadonlyArray<readonly [string, React.ComponentType]> = [
  ['/', Home],
  ['/shipments', ShipmentsPage],
  ['/shipments/:id', ShipmentPage],
  ['/live', LiveMapPage],
  ['/alerts', AlertsPage],
  ['/crossings', BoardPage],
  ['/capture', CapturePage],
  ['/keys', KeysPage],
  ['/governance', GovernancePage],
  ['/audit', AuditPage],
  ['/admin', AdminPage],
  ['/statistics', StatisticsPage],
];

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        {/* A public tracking link's own address: the server answers JSON there to Accept: application/json. */}
        <Route path="/api/public/track/:token" element={<PublicTrackingPage />} />
        {SIGNED_IN_PAGES.map(([path, Page]) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireSignIn>
                <Page />
              </RequireSignIn>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
