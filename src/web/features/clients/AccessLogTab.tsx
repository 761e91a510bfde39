import { Card, Empty, Flex, Pagination, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime, orDash } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { LoadError } from '../../components/PageStates';
import { useAccessLog } from './clients.api';

const t = m.daily.clients;

type Entry = { at: string; username: string; displayName: string; action: string; detail: string };

const actionText = (a: string) => t.accessActions[a] ?? a;

/** 访问记录: who opened, changed, exported or revealed this record, and when. It cannot be edited. */
export function AccessLogTab({ clientId }: { clientId: string }) {
  const [page, setPage] = useState(1);
  const { data, isPending, isFetching, error, refetch } = useAccessLog(clientId, page);
  const isMobile = useIsMobile();
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  const items = data?.items ?? [];
  return (
    <div data-testid="access-log">
      <Typography.Paragraph type="secondary">{t.accessNote}</Typography.Paragraph>
      {isMobile ? (
        items.length === 0 && !isPending ? (
          <Empty description={t.accessEmpty} />
        ) : (
          <Flex vertical gap={8}>
            {items.map((e, i) => (
              <Card key={`${e.at}-${i}`} size="small" loading={isPending}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{e.displayName || e.username}</Typography.Text>
                  <Typography.Text>{actionText(e.action)}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {formatDateTime(e.at)}
                  {e.detail ? ` · ${e.detail}` : ''}
                </Typography.Text>
              </Card>
            ))}
            <Pagination simple align="center" current={page} pageSize={20} total={data?.total ?? 0} onChange={setPage} />
          </Flex>
        )
      ) : (
        <Table<Entry>
          rowKey={(e) => `${e.at}-${e.username}-${e.action}`}
          size="small"
          loading={isPending || isFetching}
          dataSource={items}
          locale={{ emptyText: <Empty description={t.accessEmpty} /> }}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => m.common.total(n) }}
          columns={[
            { title: t.accessAt, dataIndex: 'at', key: 'at', width: 180, render: (at: string) => formatDateTime(at) },
            { title: t.accessWho, key: 'who', width: 220, render: (_, e) => `${e.displayName}（${e.username}）` },
            { title: t.accessAction, dataIndex: 'action', key: 'action', width: 140, render: actionText },
            { title: t.accessDetail, dataIndex: 'detail', key: 'detail', render: (d: string) => orDash(d) },
          ]}
        />
      )}
    </div>
  );
}
