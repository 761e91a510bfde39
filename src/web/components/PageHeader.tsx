import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { navItemOf } from '../app/navigation';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { m } from '../i18n';

/**
 * Page title with its actions; the actions wrap under the title on a phone. The title (or
 * `docTitle` where the title is more than text) names the browser tab; a page below a menu entry
 * (a detail page, 新增, 导入) shows the way back: section / list / this page.
 */
export function PageHeader({ title, extra, children, docTitle }: { title: ReactNode; extra?: ReactNode; children?: ReactNode; docTitle?: string }) {
  const { pathname } = useLocation();
  const name = docTitle ?? (typeof title === 'string' ? title : undefined);
  useDocumentTitle(name);
  const nav = navItemOf(pathname);
  const below = nav && nav.path !== '/' && pathname.replace(/\/+$/, '') !== nav.path;
  return (
    <div style={{ marginBottom: 16 }}>
      {below ? (
        <nav aria-label={m.nav.breadcrumb}>
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={[
              ...(nav.group ? [{ title: m.nav.sections[nav.group] }] : []),
              { title: <Link to={nav.path}>{nav.label}</Link> },
              ...(name ? [{ title: name }] : []),
            ]}
          />
        </nav>
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
