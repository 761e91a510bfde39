import { RightOutlined } from '@ant-design/icons';
import { Drawer, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import type { Figure } from '../../../shared/contracts/reports';
import { LoadError } from '../../components/PageStates';
import { useIsMobile } from '../../lib/useIsMobile';
import { useFigureRows } from './reports.api';
import { m } from '../../i18n';

const t = m.reports.reports;

export const figureText = (f: Pick<Figure, 'value' | 'unit'>) => `${f.value} ${f.unit}`;

/** 数字穿透: the records one figure counts, each linking to its page where the reader may open it. */
export function FigureDrawer({ reportId, figure, onClose }: { reportId: string; figure: Figure; onClose: () => void }) {
  const isMobile = useIsMobile();
  const { data, isPending, error, refetch } = useFigureRows(reportId, figure.key);
  const rows = data?.rows ?? [];
  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 560} title={t.drillTitle(figure.label)} data-testid="figure-drawer">
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary" data-testid="figure-drawer-count">
            {t.drillCount(rows.length, figureText(data.figure))}
          </Typography.Text>
          <List
            size="small"
            bordered
            dataSource={rows}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.drillEmpty} /> }}
            renderItem={(r) => (
              <List.Item
                key={r.id}
                data-testid="figure-row"
                actions={
                  r.link
                    ? [
                        <Link key="open" to={r.link} aria-label={`${t.drillOpen}：${r.title}`}>
                          {t.drillOpen} <RightOutlined aria-hidden />
                        </Link>,
                      ]
                    : []
                }
              >
                <div style={{ minWidth: 0 }}>
                  <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                    {r.date}
                  </Typography.Text>
                  <Typography.Text style={{ wordBreak: 'break-word' }}>{r.title}</Typography.Text>
                  {r.detail ? (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-word' }}>
                      {r.detail}
                    </Typography.Text>
                  ) : null}
                </div>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Drawer>
  );
}
