import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, useRoutes } from 'react-router';
import { PageLoading } from '../components/PageStates';
import { Providers } from './providers';

// The login page is the app's first download (its JS budget, scripts/bench-web-budget.ts): it is
// routed here, and the table of all other routes (router.tsx), with the list of chunks each of
// its sixty pages preloads, loads only for the other pages.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const AppRoutes = lazy(() => import('./router').then((x) => ({ default: x.AppRoutes })));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function TopRoutes() {
  return useRoutes([
    { path: '/login', element: <Loading><LoginPage /></Loading> },
    { path: '*', element: <Loading><AppRoutes /></Loading> },
  ]);
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <TopRoutes />
      </BrowserRouter>
    </Providers>
  );
}
