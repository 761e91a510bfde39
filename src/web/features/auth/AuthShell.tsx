import { Card, theme } from 'antd';
import type { ReactNode } from 'react';
import { m } from '../../i18n';
import { authorityOf, useRegionRoot } from '../regions/regions.api';

/** The bare frame of the login and forced password pages (no menu before a usable session). */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const root = useRegionRoot().data;
  const { token } = theme.useToken();
  // Plain elements rather than Flex and Typography: the login page is the app's first
  // download, kept within its JS budget (scripts/bench-web-budget.ts).
  return (
    <main
      style={{
        display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
        minHeight: '100vh', padding: 16, background: 'linear-gradient(180deg, #e8f1fa 0%, #f5f7fa 100%)',
      }}
    >
      <h1 style={{ color: '#1f6fb2', textAlign: 'center', margin: '0 0 4px', fontSize: token.fontSizeHeading3, fontWeight: 600 }}>
        {m.app.name}
      </h1>
      <p style={{ color: token.colorTextSecondary, margin: '0 0 24px' }}>{authorityOf(root)}</p>
      <Card title={title} style={{ width: '100%', maxWidth: 400 }}>
        {children}
      </Card>
    </main>
  );
}
