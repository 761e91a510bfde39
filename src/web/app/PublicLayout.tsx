import { LoginOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Layout, Menu } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../components/PageStates';
import { authorityOf, useRegionRoot } from '../features/regions/regions.api';
import '../lib/dayjs-locale';
import { useIsMobile } from '../lib/useIsMobile';
import { m } from '../i18n';

const t = m.purchase.public;

/** The public pages (no login): the two sections and 登录 in the header, no side menu. */
export function PublicLayout() {
  const isMobile = useIsMobile();
  const { pathname } = useLocation();
  const key = pathname.startsWith('/public/funding') ? 'funding' : pathname.startsWith('/public/resources') ? 'resources' : 'procurements';
  const root = useRegionRoot().data;
  const siteTitle = t.siteTitle(root?.name ?? '');
  const nav = (
    <nav aria-label={siteTitle} style={{ flex: 1, minWidth: 0 }}>
      <Menu
        mode="horizontal"
        selectedKeys={[key]}
        disabledOverflow
        style={{ borderBottom: 'none', minWidth: 0, lineHeight: '46px' }}
        items={[
          { key: 'procurements', label: <Link to="/public/procurements">{t.procurements}</Link> },
          { key: 'funding', label: <Link to="/public/funding">{t.funding}</Link> },
          { key: 'resources', label: <Link to="/public/resources">{m.nav.publicWall}</Link> },
        ]}
      />
    </nav>
  );
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isMobile ? '0 8px' : '0 24px',
            height: 'auto',
            lineHeight: 'normal',
            borderBottom: '1px solid rgba(5,5,5,0.06)',
          }}
        >
          <Flex align="center" gap={16} style={{ minHeight: 56 }}>
            <Link to="/public" style={{ fontWeight: 600, color: '#1f6fb2', whiteSpace: 'nowrap', fontSize: isMobile ? 15 : 16 }}>
              {siteTitle}
            </Link>
            {isMobile ? <div style={{ flex: 1 }} /> : nav}
            <Link to="/login">
              <Button type="primary" size={isMobile ? 'small' : 'middle'} icon={<LoginOutlined aria-hidden />}>
                {t.login}
              </Button>
            </Link>
          </Flex>
          {isMobile ? nav : null}
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
          <main>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.6)' }}>{authorityOf(root)}</Layout.Footer>
      </Layout>
    </AntApp>
  );
}
