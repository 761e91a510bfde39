import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
// The ES module build: 'antd/locale/zh_CN' is the CommonJS one, with its own copies of the
// pickers' and pagination's locales.
import zhCNLocale from 'antd/es/locale/zh_CN';
import { useEffect, useState, type ReactNode } from 'react';
import { useIsMobile } from '../lib/useIsMobile';
import { isApiError } from '../lib/api';
import { ME_KEY, installCsrfRefresh, markSessionExpired } from '../lib/session';

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

/**
 * The theme, set once: Ant Design's defaults put status text, links and placeholders below the
 * WCAG AA contrast of 4.5:1 (#52c41a green on its tag 2.2:1, #ff4d4f red 3.3:1, #1677ff links
 * 4.1:1, placeholders 1.8:1). These darker values keep every tag, link and hint at 4.7:1 or
 * more on white and on their own light backgrounds (axe-core in the browser journeys checks it).
 */
const ACCESSIBLE_TOKENS = {
  colorPrimary: '#1f6fb2',
  colorInfo: '#1f6fb2',
  colorLink: '#1f6fb2',
  // A hovered link darkens rather than lightens (the derived hover blue is 3.6:1 on white).
  colorLinkHover: '#15528a',
  colorLinkActive: '#103f6b',
  // The selected menu item's and row's light blue: the primary's own derived tint is too grey (4.48:1).
  colorPrimaryBg: '#e6f4ff',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorError: '#cf1322',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorWarning: '#ad4e00',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  borderRadius: 6,
};

/**
 * A table that scrolls sideways (every wide table on a phone) must be reachable by keyboard
 * (WCAG 2.1.1): Ant Design's scroll containers get tabindex=0 as they appear.
 */
function useFocusableScrollers(): void {
  useEffect(() => {
    const mark = () =>
      document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((el) => {
        if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
      });
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useFocusableScrollers();
  const isMobile = useIsMobile();
  return (
    <ConfigProvider
      locale={zhCNLocale}
      theme={{
        token: ACCESSIBLE_TOKENS,
        // Every pixel counts at 375 px: cards keep less padding on a phone.
        components: isMobile ? { Card: { bodyPadding: 12, headerPadding: 12 } } : undefined,
      }}
      // No space between two Chinese characters ("登 录"): button names stay what they say.
      button={{ autoInsertSpace: false }}
    >
      {/* Ant Design's App (message, notification, modal) is in the signed-in and public frames
          (AppLayout, PublicLayout), not here: the login page's first download has no use for it. */}
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ConfigProvider>
  );
}
