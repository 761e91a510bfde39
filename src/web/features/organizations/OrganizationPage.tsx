import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Statistic, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ORG_KIND_LABELS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { formatDateTime, orDash } from '../../lib/format';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { EditOrganizationDrawer } from './EditOrganizationDrawer';
import { OrgContractRecord } from './OrgContractRecord';
import { OrgFiles } from './OrgFiles';
import { OrgStatusTag } from './orgLabels';
import { OrgStatusModal } from './OrgStatusModal';
import { useOrganization, type OrgDetail } from './organizations.api';
import { m } from '../../i18n';

const t = m.staffing.orgs;

function orgItems(o: OrgDetail): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t.name, children: <span data-testid="org-name-value">{o.name}</span>, span: 'filled' },
    { key: 'creditCode', label: t.creditCode, children: o.creditCode },
    { key: 'kind', label: t.kind, children: ORG_KIND_LABELS[o.kind] },
    { key: 'status', label: t.status, children: <OrgStatusTag status={o.status} /> },
    { key: 'registeringAuthority', label: t.registeringAuthority, children: orDash(o.registeringAuthority) },
    { key: 'registeredOn', label: t.registeredOn, children: orDash(o.registeredOn) },
    { key: 'legalRepresentative', label: t.legalRepresentative, children: orDash(o.legalRepresentative) },
    { key: 'contactName', label: t.contactName, children: orDash(o.contactName) },
    { key: 'contactPhone', label: t.contactPhone, children: orDash(o.contactPhone) },
    { key: 'address', label: t.address, children: orDash(o.address), span: 'filled' },
    {
      key: 'serviceDomains',
      label: t.serviceDomains,
      children: o.serviceDomains.length ? o.serviceDomains.map((d) => SERVICE_DOMAIN_LABELS[d]).join('、') : '—',
      span: 'filled',
    },
    { key: 'createdAt', label: t.createdAt, children: formatDateTime(o.createdAt) },
    { key: 'updatedAt', label: t.updatedAt, children: formatDateTime(o.updatedAt) },
  ];
  if (o.statusReason) items.splice(4, 0, { key: 'statusReason', label: t.statusReason, children: o.statusReason });
  return items;
}

export default function OrganizationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/organizations'));
  const { data: org, view, refetch } = pageData(useOrganization(id), t.notFound);
  const canSeeWorkers = usePermission('worker:read');
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);

  if (view) return view;

  const workers = (
    <Statistic title={t.workersOnPost} value={org.workersOnPost} suffix={t.workersUnit} />
  );
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={org.name}
        title={
          <Space size={8} wrap>
            <span data-testid="org-name">{org.name}</span>
            <OrgStatusTag status={org.status} />
          </Space>
        }
        extra={
          // Writes belong to the registering county unit and the city (the API says the same).
          org.writable ? (
          <>
            <PermissionGate permission="org:update">
              <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
            </PermissionGate>
            <PermissionGate permission="org:status">
              <Button icon={<SwapOutlined aria-hidden />} onClick={() => setChangingStatus(true)}>
                {t.changeStatus}
              </Button>
            </PermissionGate>
          </>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {org.status === 'barred' ? <Alert type="error" showIcon title={t.barredNote} description={org.statusReason || undefined} /> : null}
        {org.status === 'suspended' ? (
          <Alert type="warning" showIcon title={t.suspendedNote} description={org.statusReason || undefined} />
        ) : null}
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t.stationsRun} value={org.stationsRun} suffix={t.stationsUnit} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              {canSeeWorkers ? <Link to={`/social-workers?orgId=${org.id}&onPost=yes`}>{workers}</Link> : workers}
            </Card>
          </Col>
        </Row>
        <Card title={t.detailTitle} size="small">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            items={orgItems(org)}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          />
        </Card>
        <OrgFiles org={org} />
        <PermissionGate permission="contract:read">
          <OrgContractRecord orgId={org.id} />
        </PermissionGate>
      </Flex>
      {editing ? <EditOrganizationDrawer org={org} onClose={() => setEditing(false)} onConflict={refetch} /> : null}
      {changingStatus ? (
        <OrgStatusModal org={org} onClose={() => setChangingStatus(false)} onConflict={refetch} />
      ) : null}
    </>
  );
}
