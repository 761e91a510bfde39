import { ApiOutlined, MenuOutlined } from '@ant-design/icons';
import { App as AntApp, Badge, Button, Layout, Menu, type MenuProps } from 'antd';
import { lazy, Suspense, useLayoutEffect, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../components/PageStates';
import '../lib/dayjs-locale';
import { useCurrentUser } from '../lib/permissions';
import { setDocumentTitle } from '../lib/useDocumentTitle';
import { useIsMobile } from '../lib/useIsMobile';
import { m } from '../i18n';
import { useWorkbench } from '../features/workbench/workbench.api';
import { API_DOCS_URL, NAV_GROUPS, allowedNav, navItemOf, navKeyOf, seesApiDocs, type NavGroup, type NavItem } from './navigation';
import { UserMenu } from './UserMenu';

// The phone's menu drawer loads at the first tap on the menu button, not with every first page.
const Drawer = lazy(() => import('antd/es/drawer'));

const apiDocsEntry = {
  key: API_DOCS_URL,
  icon: <ApiOutlined aria-hidden />,
  label: (
    <a href={API_DOCS_URL} target="_blank" rel="noopener noreferrer">
      <span data-nav-label>{m.nav.apiDocs}</span>
    </a>
  ),
};

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useCurrentUser();
  const { pathname } = useLocation();
  // The workbench's counts of open to-dos, on the menu entries where they are done.
  const badges = useWorkbench().data?.badges ?? {};
  const entryOf = (item: NavItem) => ({
    key: item.path,
    icon: item.icon,
    label: (
      <Link to={item.path} onClick={onNavigate} aria-label={badges[item.path] ? `${item.label}，${m.workbench.badge(badges[item.path] ?? 0)}` : undefined}>
        <span data-nav-label>{item.label}</span>
        {badges[item.path] ? (
          <Badge count={badges[item.path]} overflowCount={99} size="small" style={{ marginInlineStart: 8 }} aria-hidden data-testid={`nav-badge-${item.path}`} />
        ) : null}
      </Link>
    ),
  });
  const allowed = allowedNav(me.permissions);
  // 工作台 and 驾驶舱 on top, then one titled section per group that has an entry for this user.
  const items: MenuProps['items'] = [
    ...allowed.filter((item) => !item.group).map(entryOf),
    ...(Object.keys(NAV_GROUPS) as NavGroup[]).flatMap((group) => {
      const children: NonNullable<MenuProps['items']> = allowed.filter((item) => item.group === group).map(entryOf);
      if (group === 'system' && seesApiDocs(me.roles)) children.push(apiDocsEntry);
      return children.length === 0 ? [] : [{ type: 'group' as const, key: `group-${group}`, label: NAV_GROUPS[group], children }];
    }),
  ];
  return (
    // The space at the foot keeps the last entry clear of the sider's collapse button.
    <nav aria-label={m.nav.menu} style={{ paddingBottom: 48 }}>
      <Menu mode="inline" selectedKeys={[navKeyOf(pathname)]} items={items} style={{ borderInlineEnd: 'none' }} />
    </nav>
  );
}

function Brand({ compact }: { compact: boolean }) {
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: compact ? 'center' : 'flex-start',
        padding: compact ? 0 : '0 20px',
        fontWeight: 600,
        fontSize: compact ? 14 : 16,
        color: '#1f6fb2',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      {compact ? m.app.tinyName : m.app.name}
    </div>
  );
}

/**
 * The signed-in frame: side menu on a desktop; on a phone (< 768 px) a hamburger that opens
 * the same menu in a drawer, so nothing is hidden on a social worker's phone.
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  const isMobile = useIsMobile();
  const { pathname } = useLocation();
  // Every page is at least titled by its menu entry; a page's PageHeader names it more closely
  // (a layout effect runs before the pages' effects, so theirs win).
  useLayoutEffect(() => setDocumentTitle(navItemOf(pathname)?.label), [pathname]);
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        {isMobile ? null : (
          <Layout.Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{
              borderInlineEnd: '1px solid rgba(5,5,5,0.06)',
              position: 'sticky',
              top: 0,
              height: '100vh',
              overflow: 'auto',
            }}
          >
            <Brand compact={collapsed} />
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: isMobile ? '0 8px' : '0 24px',
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              height: 56,
              lineHeight: '56px',
              borderBottom: '1px solid rgba(5,5,5,0.06)',
              position: 'sticky',
              top: 0,
              zIndex: 10,
            }}
          >
            {isMobile ? (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined aria-hidden />}
                  aria-label={m.nav.openMenu}
                  data-testid="open-menu"
                  onClick={() => {
                    setDrawerUsed(true);
                    setDrawerOpen(true);
                  }}
                />
                <span style={{ fontWeight: 600, color: '#1f6fb2', whiteSpace: 'nowrap' }}>{m.app.shortName}</span>
              </>
            ) : null}
            <div style={{ flex: 1 }} />
            <UserMenu compact={isMobile} />
          </Layout.Header>
          <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
            <main>
              <Suspense fallback={<PageLoading />}>{children ?? <Outlet />}</Suspense>
            </main>
          </Layout.Content>
        </Layout>
        {isMobile && drawerUsed ? (
          <Suspense fallback={null}>
            <Drawer
              placement="left"
              size={260}
              title={m.app.shortName}
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              styles={{ body: { padding: 0 } }}
            >
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </Drawer>
          </Suspense>
        ) : null}
      </Layout>
    </AntApp>
  );
}
