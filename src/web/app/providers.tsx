import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState, type ReactNode } from 'react';
import { useIsMobile } from '../lib/useIsMobile';
import { isApiError } from '../lib/api';
import { ME_KEY, installCsrfRefresh, markSessionExpired } from '../lib/session';

dayjs.locale('zh-cn');

/**
 * One query client for the app. A 401 anywhere means the session is gone: clearing the cached
 * user sends the auth guard to /login. A forced password change re-reads the user so the guard
 * can send them to /change-password.
 */
function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e, query) => onSessionError(e, query.queryKey[0] === ME_KEY[0]) }),
    // Any write may settle or add a to-do: the workbench and its menu counts are asked again.
    mutationCache: new MutationCache({
      onError: (e) => onSessionError(e, false),
      onSuccess: () => void client.invalidateQueries({ queryKey: ['workbench'] }),
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        // Client errors will not heal by retrying; network hiccups might.
        retry: (count, e) => count < 2 && !(isApiError(e) && e.status >= 400 && e.status < 500),
      },
    },
  });
  function onSessionError(e: unknown, isMeQuery: boolean): void {
    if (isMeQuery) return;
    if (isApiError(e, 'UNAUTHENTICATED') && client.getQueryData(ME_KEY)) {
      markSessionExpired();
      client.setQueryData(ME_KEY, null);
    }
    if (isApiError(e, 'PASSWORD_CHANGE_REQUIRED')) void client.invalidateQueries({ queryKey: ME_KEY });
  }
  installCsrfRefresh(client);
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  const isMobile = useIsMobile();
  return (
    <ConfigProvider
      locale={zhCNLocale}
      theme={{
        token: { colorPrimary: '#1f6fb2', borderRadius: 6 },
        // Every pixel counts at 375 px: cards keep less padding on a phone.
        components: isMobile ? { Card: { bodyPadding: 12, headerPadding: 12 } } : undefined,
      }}
      // No space between two Chinese characters ("登 录"): button names stay what they say.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
