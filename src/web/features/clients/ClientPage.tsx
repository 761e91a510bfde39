import { ArrowLeftOutlined, EditOutlined, FormOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Tabs, Tag, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ClientDetail } from '../../../shared/contracts/clients';
import { CONSENT_KIND_LABELS, LEGAL_BASIS_LABELS } from '../../../shared/rules/clients';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { formatDateTime, orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { useUrlState } from '../../lib/useUrlState';
import { ClientCasesTab } from '../cases/ClientCasesTab';
import { RecordTimeline } from '../service-records/ClientTimelineTab';
import { ReferralsTab } from '../service-records/ReferralsTab';
import { AccessLogTab } from './AccessLogTab';
import { ClientReveal } from './ClientReveal';
import { ClientStatusModal } from './ClientStatusModal';
import { ClientStatusTag, NoAccess, RiskTag, TargetGroupTags } from './clientLabels';
import { useClient } from './clients.api';
import { ConsentModal } from './ConsentModal';
import { EditClientDrawer } from './EditClientDrawer';
import { m } from '../../i18n';

const t = m.daily.clients;
const TAB_KEYS = ['tab'] as const;
const TABS = ['cases', 'timeline', 'referrals', 'access'] as const;
type TabKey = (typeof TABS)[number];

function profileItems(c: ClientDetail): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'idNumber', label: t.idNumber, children: <ClientReveal clientId={c.id} field="idNumber" masked={c.idNumberMasked} /> },
    { key: 'sex', label: t.sexAge, children: `${t.sex[c.sex]} · ${t.age(c.age)}` },
    { key: 'birthDate', label: t.birthDate, children: c.birthDate },
    { key: 'phone', label: t.phone, children: <ClientReveal clientId={c.id} field="phone" masked={c.phoneMasked} /> },
    { key: 'station', label: t.station, children: c.stationName },
    { key: 'village', label: t.village, children: c.villageName },
    { key: 'address', label: t.address, children: orDash(c.address), span: 'filled' },
    { key: 'risk', label: t.risk, children: <RiskTag risk={c.riskLevel} /> },
    { key: 'status', label: t.status, children: <ClientStatusTag status={c.status} /> },
    { key: 'createdAt', label: t.createdAt, children: formatDateTime(c.createdAt) },
  ];
  if (c.statusReason) items.push({ key: 'statusReason', label: t.statusReason, children: c.statusReason, span: 'filled' });
  return items;
}

/** A household member or guardian; phones are masked, and withheld (无权查看) for evaluators. */
function PersonLine({ p, sensitive }: { p: ClientDetail['household'][number]; sensitive: boolean }) {
  return (
    <Flex gap={8} wrap>
      <Typography.Text strong>{p.name}</Typography.Text>
      <Typography.Text type="secondary">{p.relation}</Typography.Text>
      {p.phoneMasked ? <span style={{ fontFamily: 'monospace' }}>{p.phoneMasked}</span> : sensitive ? null : <NoAccess />}
    </Flex>
  );
}

function Household({ c }: { c: ClientDetail }) {
  const sensitive = c.idNumberMasked !== null;
  return (
    <Card size="small" title={`${t.household}与${t.guardian}`} data-testid="client-household">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.guardian}</Typography.Text>
        {c.guardian ? <PersonLine p={c.guardian} sensitive={sensitive} /> : <Typography.Text>{m.daily.common.none}</Typography.Text>}
        <Typography.Text type="secondary">{t.household}</Typography.Text>
        {c.household.length === 0 ? (
          <Typography.Text>{t.householdEmpty}</Typography.Text>
        ) : (
          c.household.map((p, i) => <PersonLine key={`${p.name}-${i}`} p={p} sensitive={sensitive} />)
        )}
      </Flex>
    </Card>
  );
}

function Consents({ c, onAdd }: { c: ClientDetail; onAdd: () => void }) {
  return (
    <Card
      size="small"
      title={t.legalBasis}
      data-testid="client-consents"
      extra={
        <PermissionGate permission="client:write">
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={onAdd}>
            {t.addConsent}
          </Button>
        </PermissionGate>
      }
    >
      <Typography.Paragraph>{LEGAL_BASIS_LABELS[c.legalBasis]}</Typography.Paragraph>
      <Typography.Text type="secondary">{t.consents}</Typography.Text>
      {c.consents.length === 0 ? (
        <Typography.Text style={{ display: 'block', marginTop: 4 }}>{t.noConsents}</Typography.Text>
      ) : (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          {c.consents.map((k) => (
            <div key={k.id}>
              <Tag color={k.kind === 'guardian' ? 'purple' : 'blue'}>{CONSENT_KIND_LABELS[k.kind]}</Tag>
              <Typography.Text>
                {k.givenBy}
                {k.relation ? `（${k.relation}）` : ''} · {k.givenOn}
              </Typography.Text>
              {k.scope ? (
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t.consentScope}：{k.scope}
                </Typography.Text>
              ) : null}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export default function ClientPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/clients'));
  const { data: client, view, refetch } = pageData(useClient(id), t.notFound);
  const [url, setUrl] = useUrlState(TAB_KEYS);
  const tab: TabKey = (TABS as readonly string[]).includes(url.tab ?? '') ? (url.tab as TabKey) : 'cases';
  const [dialog, setDialog] = useState<'edit' | 'status' | 'consent' | null>(null);

  if (view) return view;

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={'服务对象档案'}
        title={
          <Space size={8} wrap>
            <span data-testid="client-name">{client.name}</span>
            <ClientStatusTag status={client.status} />
          </Space>
        }
        extra={
          <PermissionGate permission="client:write">
            {client.status !== 'closed' ? (
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden />}
                onClick={() => void navigate(`/records/new?clientId=${client.id}`)}
              >
                {t.recordService}
              </Button>
            ) : null}
            <Button icon={<FormOutlined aria-hidden />} onClick={() => setDialog('edit')}>
              {t.edit}
            </Button>
            <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog('status')}>
              {t.changeStatus}
            </Button>
          </PermissionGate>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t.detailTitle}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            items={profileItems(client)}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          />
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t.targetGroups}：</Typography.Text>
            <TargetGroupTags groups={client.targetGroups} />
          </div>
        </Card>
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(k) => setUrl({ tab: k === 'cases' ? undefined : k })}
            destroyOnHidden
            items={[
              { key: 'cases', label: t.tabs.cases, children: <ClientCasesTab client={client} /> },
              { key: 'timeline', label: t.tabs.timeline, children: <RecordTimeline clientId={client.id} canRecord={client.status !== 'closed'} /> },
              { key: 'referrals', label: t.tabs.referrals, children: <ReferralsTab clientId={client.id} /> },
              { key: 'access', label: t.tabs.access, children: <AccessLogTab clientId={client.id} /> },
            ]}
          />
        </Card>
        <Household c={client} />
        <Consents c={client} onAdd={() => setDialog('consent')} />
      </Flex>
      {dialog === 'edit' ? <EditClientDrawer client={client} onClose={() => setDialog(null)} onConflict={refetch} /> : null}
      {dialog === 'status' ? <ClientStatusModal client={client} onClose={() => setDialog(null)} onConflict={refetch} /> : null}
      {dialog === 'consent' ? <ConsentModal client={client} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
