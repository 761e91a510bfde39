import { Alert, Card, Col, Empty, Flex, Row, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Figure, ReportDetail } from '../../../shared/contracts/reports';
import { formatDateTime } from '../../lib/format';
import { FigureDrawer, figureText } from './FigureDrawer';
import { m } from '../../i18n';

const t = m.reports.reports;

/** Figures by their group, in the order the server lists them. */
function groupsOf(figures: Figure[]): { group: string; figures: Figure[] }[] {
  const out = new Map<string, Figure[]>();
  for (const f of figures) out.set(f.group, [...(out.get(f.group) ?? []), f]);
  return [...out.entries()].map(([group, list]) => ({ group, figures: list }));
}

/** One number: a button that opens the records it counts (a figure without a source is plain text). */
function FigureValue({ figure, onOpen }: { figure: Figure; onOpen: (f: Figure) => void }) {
  if (figure.source === 'none') return <Typography.Text strong>{figureText(figure)}</Typography.Text>;
  return (
    <Typography.Link
      strong
      onClick={() => onOpen(figure)}
      data-testid={`figure-${figure.key}`}
      aria-label={`${figure.label} ${figureText(figure)}，${t.figureHint}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      {figureText(figure)}
    </Typography.Link>
  );
}

export function ReportFigures({ report }: { report: ReportDetail }) {
  const [open, setOpen] = useState<Figure | null>(null);
  const groups = useMemo(() => groupsOf(report.figures), [report.figures]);
  return (
    <Card
      size="small"
      title={t.figures}
      data-testid="report-figures"
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.computedAt(formatDateTime(report.computedAt))}</Typography.Text>}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {report.frozen ? t.frozenHint : t.liveHint}；{t.figureHint}
        </Typography.Text>
        {groups.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noFigures} />
        ) : (
          <Row gutter={[12, 12]}>
            {groups.map((g) => (
              <Col key={g.group} xs={24} md={12} xl={8}>
                <Card size="small" type="inner" title={g.group} data-testid="figure-group" styles={{ body: { padding: '4px 12px' } }}>
                  {g.figures.map((f) => (
                    <Flex
                      key={f.key}
                      justify="space-between"
                      align="baseline"
                      gap={8}
                      style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
                    >
                      <span style={{ minWidth: 0, wordBreak: 'break-word' }}>{f.label}</span>
                      <FigureValue figure={f} onOpen={setOpen} />
                    </Flex>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Flex>
      {open ? <FigureDrawer reportId={report.id} figure={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

type Change = ReportDetail['changedSince'][number];

/** 提交后数据有变化: the frozen figures that today's records would count differently. */
export function ChangedSincePanel({ report }: { report: ReportDetail }) {
  if (!report.frozen) return null;
  if (report.changedSince.length === 0)
    return <Alert type="success" showIcon title={t.noChange} data-testid="report-unchanged" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="report-changed"
      title={t.changedTitle}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t.changedHint}</Typography.Text>
          <Table<Change>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={report.changedSince}
            columns={[
              { title: t.changedFigure, dataIndex: 'label', key: 'label' },
              { title: t.frozenValue, dataIndex: 'frozen', key: 'frozen', align: 'right', width: 80 },
              {
                title: t.liveValue,
                dataIndex: 'live',
                key: 'live',
                align: 'right',
                width: 80,
                render: (v: number, r) => <Typography.Text type={v > r.frozen ? 'success' : 'danger'}>{v}</Typography.Text>,
              },
            ]}
          />
        </Flex>
      }
    />
  );
}
