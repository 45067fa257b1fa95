import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/auth-context.tsx';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { CallPage } from './pages/call-page.tsx';
import { CallsPage } from './pages/calls-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { ImportPage } from './pages/import-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MembershipsPage } from './pages/memberships-page.tsx';
import { NetworkPage } from './pages/network-page.tsx';
import { NetworksPage } from './pages/networks-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OrganisationCreatePage, OrganisationEditPage } from './pages/organisation-form-pages.tsx';
import { OrganisationPage } from './pages/organisation-page.tsx';
import { PartnersPage } from './pages/partners-page.tsx';
import { ProjectPage } from './pages/project-page.tsx';
import { ProjectsPage } from './pages/projects-page.tsx';
import { ReviewBoardPage } from './pages/review-board-page.tsx';
import { ReviewPage } from './pages/review-page.tsx';
import { ReviewsPage } from './pages/reviews-page.tsx';
import { SearchPage } from './pages/search-page.tsx';
import { SubmissionCreatePage, SubmissionEditPage } from './pages/submission-page.tsx';

/** The network explorer brings sigma.js and graphology: its own chunk, loaded when first opened. */
const CollaborationPage = lazy(() =>
  import('./pages/collaboration-page.tsx').then((m) => ({ default: m.CollaborationPage })),
);
const NetworkOfNetworksPage = lazy(() =>
  import('./pages/network-of-networks-page.tsx').then((m) => ({ default: m.NetworkOfNetworksPage })),
);
/** The steering pages bring ECharts' maps, heat maps and the exports: their own chunks. */
const DashboardPage = lazy(() =>
  import('./pages/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })),
);
const MapPage = lazy(() => import('./pages/map-page.tsx').then((m) => ({ default: m.MapPage })));
const IndicatorsPage = lazy(() =>
  import('./pages/indicators-page.tsx').then((m) => ({ default: m.IndicatorsPage })),
);
const IndicatorPage = lazy(() =>
  import('./pages/indicator-page.tsx').then((m) => ({ default: m.IndicatorPage })),
);
const SpecialisationPage = lazy(() =>
  import('./pages/specialisation-page.tsx').then((m) => ({ default: m.SpecialisationPage })),
);
const AnnualReportPage = lazy(() =>
  import('./pages/annual-report-page.tsx').then((m) => ({ default: m.AnnualReportPage })),
);
/** The impact observatory and its printable report: ECharts and the estimates' tables, their own chunks. */
const ObservatoryPage = lazy(() =>
  import('./pages/observatory-page.tsx').then((m) => ({ default: m.ObservatoryPage })),
);
const ObservatoryReportPage = lazy(() =>
  import('./pages/observatory-report-page.tsx').then((m) => ({ default: m.ObservatoryReportPage })),
);

/** Routes (French paths: the public portal speaks French first). */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="reseaux" element={<NetworksPage />} />
              <Route path="reseaux/:slug" element={<NetworkPage />} />
              <Route path="recherche" element={<SearchPage />} />
              <Route path="partenaires" element={<PartnersPage />} />
              <Route path="projets" element={<ProjectsPage />} />
              <Route path="projets/:id" element={<ProjectPage />} />
              <Route path="projets/:id/modifier" element={<SubmissionEditPage />} />
              <Route path="appels" element={<CallsPage />} />
              <Route path="appels/:id" element={<CallPage />} />
              <Route path="appels/:id/deposer" element={<SubmissionCreatePage />} />
              <Route path="appels/:id/evaluation" element={<ReviewBoardPage />} />
              <Route path="evaluations" element={<ReviewsPage />} />
              <Route path="evaluations/:id" element={<ReviewPage />} />
              <Route
                path="reseau"
                element={
                  <Suspense fallback={<Loading />}>
                    <CollaborationPage />
                  </Suspense>
                }
              />
              <Route
                path="reseau/reseaux"
                element={
                  <Suspense fallback={<Loading />}>
                    <NetworkOfNetworksPage />
                  </Suspense>
                }
              />
              <Route
                path="tableau-de-bord"
                element={
                  <Suspense fallback={<Loading />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route
                path="reseaux/:slug/tableau-de-bord"
                element={
                  <Suspense fallback={<Loading />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route
                path="carte"
                element={
                  <Suspense fallback={<Loading />}>
                    <MapPage />
                  </Suspense>
                }
              />
              <Route
                path="indicateurs"
                element={
                  <Suspense fallback={<Loading />}>
                    <IndicatorsPage />
                  </Suspense>
                }
              />
              <Route
                path="indicateurs/specialisation"
                element={
                  <Suspense fallback={<Loading />}>
                    <SpecialisationPage />
                  </Suspense>
                }
              />
              <Route
                path="indicateurs/:code"
                element={
                  <Suspense fallback={<Loading />}>
                    <IndicatorPage />
                  </Suspense>
                }
              />
              <Route
                path="rapports/:network/:year"
                element={
                  <Suspense fallback={<Loading />}>
                    <AnnualReportPage />
                  </Suspense>
                }
              />
              <Route
                path="observatoire"
                element={
                  <Suspense fallback={<Loading />}>
                    <ObservatoryPage />
                  </Suspense>
                }
              />
              <Route
                path="observatoire/rapport/:runId"
                element={
                  <Suspense fallback={<Loading />}>
                    <ObservatoryReportPage />
                  </Suspense>
                }
              />
              <Route path="adhesions" element={<MembershipsPage />} />
              <Route path="organisations/nouvelle" element={<OrganisationCreatePage />} />
              <Route path="organisations/:id" element={<OrganisationPage />} />
              <Route path="organisations/:id/modifier" element={<OrganisationEditPage />} />
              <Route path="connexion" element={<LoginPage />} />
              <Route path="import" element={<ImportPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
