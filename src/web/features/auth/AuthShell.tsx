import { theme } from 'antd';
import type { ReactNode } from 'react';
import { m } from '../../i18n';
import { authorityOf, useRegionRoot } from '../regions/regions.api';

/** The bare frame of the login and forced password pages (no menu before a usable session). */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const root = useRegionRoot().data;
  const { token } = theme.useToken();
  // Plain elements rather than Flex, Typography and Card: the login page is the app's first
  // download, kept within its JS budget (scripts/bench-web-budget.ts).
  return (
    <main
      style={{
        display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
        minHeight: '100vh', padding: 16, background: 'linear-gradient(180deg, #e8f1fa 0%, #f5f7fa 100%)',
        // The text style Ant Design's App gives the signed-in pages; the login page goes without App.
        color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily,
      }}
    >
      <h1 style={{ color: '#1f6fb2', textAlign: 'center', margin: '0 0 4px', fontSize: token.fontSizeHeading3, fontWeight: 600 }}>
        {m.app.name}
      </h1>
      <p style={{ color: token.colorTextSecondary, margin: '0 0 24px' }}>{authorityOf(root)}</p>
      {/* A card drawn by hand: antd's Card brings Tabs, Dropdown and Menu along. */}
      <section
        aria-labelledby="auth-shell-title"
        style={{
          width: '100%', maxWidth: 400, background: token.colorBgContainer, borderRadius: token.borderRadiusLG,
          border: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <h2
          id="auth-shell-title"
          style={{
            margin: 0, padding: '16px 24px', fontSize: token.fontSizeLG, fontWeight: 600, color: token.colorTextHeading,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {title}
        </h2>
        <div style={{ padding: 24 }}>{children}</div>
      </section>
    </main>
  );
}
