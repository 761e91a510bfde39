import { DownloadOutlined } from '@ant-design/icons';
import { Button, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { exportOrganizations, type Organization } from '../../../shared/contracts/organizations';
import {
  ORG_KINDS,
  ORG_KIND_LABELS,
  ORG_STATUSES,
  ORG_STATUS_LABELS,
  type OrgKind,
  type OrgStatus,
} from '../../../shared/rules/organizations';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { apiUrl } from '../../lib/api';
import { orDash } from '../../lib/format';
import { m } from '../../i18n';
import { CreateOrganizationModal } from './CreateOrganizationModal';
import { OrgStatusTag } from './orgLabels';
import { useOrganizations, type OrgListQuery } from './organizations.api';

const t = m.staffing.orgs;
const FILTER_KEYS = ['q', 'status', 'kind'] as const;

const statusOptions = ORG_STATUSES.map((s) => ({ value: s, label: ORG_STATUS_LABELS[s] }));
const kindOptions = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));

export default function OrganizationsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const [creating, setCreating] = useState(false);

  const status = oneOf(ORG_STATUSES, url.status);
  const kind = oneOf(ORG_KINDS, url.kind);
  const query: OrgListQuery = useMemo(
    () => ({ q: url.q, status, kind, page, pageSize }),
    [url.q, status, kind, page, pageSize],
  );
  const result = useOrganizations(query);
  const exportHref = apiUrl(exportOrganizations, { query: { q: url.q, status, kind } });

  const columns: TableProps<Organization>['columns'] = [
    {
      title: t.name,
      dataIndex: 'name',
      key: 'name',
      width: 230,
      fixed: 'start',
      render: (name: string, row) => <Link to={`/organizations/${row.id}`}>{name}</Link>,
    },
    { title: t.creditCode, dataIndex: 'creditCode', key: 'creditCode', width: 180 },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 140, render: (k: OrgKind) => ORG_KIND_LABELS[k] },
    { title: t.status, dataIndex: 'status', key: 'status', width: 70, render: (s: OrgStatus) => <OrgStatusTag status={s} /> },
    { title: t.stationsRun, dataIndex: 'stationsRun', key: 'stationsRun', width: 100, align: 'right' },
    { title: t.workersOnPost, dataIndex: 'workersOnPost', key: 'workersOnPost', width: 90, align: 'right' },
    { title: t.contactName, dataIndex: 'contactName', key: 'contactName', width: 90, render: (v: string) => orDash(v) },
    { title: t.contactPhone, dataIndex: 'contactPhone', key: 'contactPhone', width: 130, render: (v: string) => orDash(v) },
  ];

  return (
    <>
      <ListPage<Organization>
        title={t.listTitle}
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
              {t.export}
            </Button>
            <CreateButton permission="org:create" label={t.create} onClick={() => setCreating(true)} />
          </>
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword, span: { xs: 24, md: 10 } },
          { type: 'select', key: 'status', label: t.status, options: statusOptions, span: { xs: 12, md: 6 } },
          { type: 'select', key: 'kind', label: t.kind, options: kindOptions, span: { xs: 12, md: 8 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1030}
        empty={t.empty}
        cardsTestId="org-cards"
        card={(o) => (
          <ListCard title={<Link to={`/organizations/${o.id}`}>{o.name}</Link>} tag={<OrgStatusTag status={o.status} />} meta={`${o.creditCode} · ${ORG_KIND_LABELS[o.kind]}`}>
            {t.stationsRun} {t.countUnit(o.stationsRun, t.stationsUnit)} · {t.workersOnPost} {t.countUnit(o.workersOnPost, t.workersUnit)}
          </ListCard>
        )}
      />
      {creating ? <CreateOrganizationModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
