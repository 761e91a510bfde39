import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type { applicationListItemSchema } from '../../../shared/contracts/applications';
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../shared/rules/platform';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { ApplicationForm, toBody, type ApplicationValues } from './ApplicationForm';
import { useApplications, useCreateApplication, type ApplicationListQuery } from './applications.api';
import { ApplicationStatusTag, t } from './labels';

type Item = z.output<typeof applicationListItemSchema>;
const KEYS = ['status', 'toDecide'] as const;
const statusOptions = APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }));

export default function ApplicationsPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const canWrite = usePermission('application:write');
  const canDecide = usePermission('application:decide');
  const status = oneOf(APPLICATION_STATUSES, url.status);
  const toDecide = canDecide && url.toDecide === 'true';
  const query: ApplicationListQuery = useMemo(
    () => ({ status, toDecide: toDecide ? 'true' : undefined, page, pageSize }),
    [status, toDecide, page, pageSize],
  );
  const result = useApplications(query);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ApplicationValues>();
  const create = useCreateApplication();
  const reportError = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const columns: TableProps<Item>['columns'] = [
    {
      title: t.name, dataIndex: 'title', key: 'title', width: 260, fixed: 'start',
      render: (v: string, r) => (
        <>
          <Link to={`/applications/${r.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.department}</Typography.Text>
        </>
      ),
    },
    { title: t.status, dataIndex: 'status', key: 'status', width: 130, render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} /> },
    { title: t.period, key: 'period', width: 210, render: (_: unknown, r) => `${r.periodStart} 至 ${r.periodEnd}` },
    { title: t.stations, dataIndex: 'stationCount', key: 'stations', width: 90, render: (n: number) => `${n} 个` },
    { title: t.bureau, dataIndex: 'decidingBureau', key: 'bureau', width: 130 },
    { title: t.submittedAt, dataIndex: 'submittedAt', key: 'submittedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: t.decisionComment, dataIndex: 'decisionComment', key: 'comment', width: 240, render: (v: string) => v || '—' },
  ];

  return (
    <>
      <ListPage<Item>
        title={canWrite && !canDecide ? t.applicantTitle : t.title}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="create-application">
              {t.create}
            </Button>
          ) : null
        }
        header={<Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t.ruleNote}</Typography.Paragraph>}
        list={list}
        filters={[
          { type: 'select', key: 'status', label: t.status, options: statusOptions },
          canDecide && { type: 'check', key: 'toDecide', label: t.toDecide, on: 'true' },
        ]}
        result={result}
        columns={columns}
        scrollX={1230}
        empty={t.empty}
        card={(r) => (
          <ListCard title={<Link to={`/applications/${r.id}`}>{r.title}</Link>} tag={<ApplicationStatusTag status={r.status} />} meta={`${r.department}　${r.periodStart} 至 ${r.periodEnd}`}>
            {r.decisionComment || null}
          </ListCard>
        )}
      />
      {creating ? (
        <ApplicationForm
          application={null}
          form={form}
          pending={create.isPending}
          onClose={() => setCreating(false)}
          onFinish={(v) =>
            create.mutate(toBody(v), {
              onSuccess: (a) => {
                message.success(t.saved);
                setCreating(false);
                void navigate(`/applications/${a.id}`);
              },
              onError: (e) => reportError(e, form),
            })
          }
        />
      ) : null}
    </>
  );
}
