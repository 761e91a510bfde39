import { Button, Spin } from 'antd';
import { lazy, Suspense, type ComponentProps, type ReactElement } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../lib/api';
import { errorText } from '../lib/error-text';
import { m } from '../i18n';

// Result carries large illustrations: loaded when a page fails, not with every first paint.
const LazyResult = lazy(() => import('antd/es/result'));
function Result(props: ComponentProps<typeof LazyResult>) {
  return (
    <Suspense fallback={null}>
      <LazyResult {...props} />
    </Suspense>
  );
}

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={m.app.loading} />
    </div>
  );
}

/** A page whose data failed to load; 404/403 get their own wording. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error, 'NOT_FOUND')) return <NotFoundResult />;
  if (isApiError(error, 'FORBIDDEN')) return <ForbiddenResult />;
  return (
    <Result
      status="error"
      title={m.app.loadFailed}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>{m.app.retry}</Button> : null}
    />
  );
}

export function NotFoundResult({ subTitle = m.app.notFoundHint }: { subTitle?: string }) {
  return (
    <Result
      status="404"
      title={m.app.notFound}
      subTitle={subTitle}
      extra={<Link to="/">{m.app.backHome}</Link>}
    />
  );
}

export function ForbiddenResult() {
  return <Result status="403" title={m.app.forbidden} subTitle={m.app.forbiddenHint} />;
}

/**
 * The opening of a page that shows one loaded thing: loading, not found (a missing or malformed id,
 * when `notFound` says so), or failed with a retry; otherwise the data. Not a hook: call it where
 * the query is and return `view` after the page's other hooks.
 */
export function pageData<T, R extends () => unknown>(
  q: { data: T | undefined; isPending: boolean; error: unknown; refetch: R },
  notFound?: string,
): ({ data: T; view: null } | { data: undefined; view: ReactElement }) & { refetch: R } {
  const { data, error, refetch } = q;
  if (q.isPending) return { data: undefined, view: <PageLoading />, refetch };
  if (notFound !== undefined && (isApiError(error, 'NOT_FOUND') || isApiError(error, 'VALIDATION_FAILED')))
    return { data: undefined, view: <NotFoundResult subTitle={notFound} />, refetch };
  if (!data) return { data: undefined, view: <LoadError error={error} onRetry={() => void refetch()} />, refetch };
  return { data, view: null, refetch };
}
