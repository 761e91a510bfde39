import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { m } from '../../i18n';
import { authorityOf, useRegionRoot } from '../regions/regions.api';

/** The bare frame of the login and forced password pages (no menu before a usable session). */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const root = useRegionRoot().data;
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(180deg, #e8f1fa 0%, #f5f7fa 100%)' }}
    >
      <Typography.Title level={3} style={{ color: '#1f6fb2', textAlign: 'center', marginBottom: 4 }}>
        {m.app.name}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ marginBottom: 24 }}>
        {authorityOf(root)}
      </Typography.Text>
      <Card title={title} style={{ width: '100%', maxWidth: 400 }}>
        {children}
      </Card>
    </Flex>
  );
}
