import { ArrowLeftOutlined, EditOutlined, InfoCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Space, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { StationDetail } from '../../../shared/contracts/stations';
import { PLAQUE_STATE_LABELS, VENUE_TYPE_LABELS } from '../../../shared/rules/station-venue';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { StationStaffingSection } from '../compliance/StationStaffingSection';
import { formatDateTime, orDash } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { m } from '../../i18n';
import { EditStationDrawer } from './EditStationDrawer';
import { StationStatusTag } from './stationLabels';
import { StationStatusModal } from './StationStatusModal';
import { useStation } from './stations.api';

function stationItems(s: StationDetail): DescriptionsProps['items'] {
  const venue = s.venueType === 'other' && s.venueOther ? `${VENUE_TYPE_LABELS.other}（${s.venueOther}）` : VENUE_TYPE_LABELS[s.venueType];
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: m.stations.standardName, children: s.name, span: 'filled' },
    { key: 'county', label: m.stations.county, children: s.countyShortName },
    { key: 'town', label: m.stations.town, children: s.townName },
    { key: 'status', label: m.stations.status, children: <StationStatusTag status={s.status} /> },
    { key: 'venueType', label: m.stations.venueType, children: venue },
    { key: 'address', label: m.stations.address, children: <span data-testid="station-address">{orDash(s.address)}</span>, span: 'filled' },
    { key: 'phone', label: m.stations.phone, children: orDash(s.phone) },
    { key: 'openedOn', label: m.stations.openedOn, children: orDash(s.openedOn) },
    { key: 'outdoorPlaque', label: m.stations.outdoorPlaque, children: PLAQUE_STATE_LABELS[s.outdoorPlaque] },
    { key: 'indoorPlaque', label: m.stations.indoorPlaque, children: PLAQUE_STATE_LABELS[s.indoorPlaque] },
    { key: 'equipment', label: m.stations.equipment, children: orDash(s.equipment), span: 'filled' },
    { key: 'hostContactName', label: m.stations.hostContactName, children: orDash(s.hostContactName) },
    { key: 'hostContactPhone', label: m.stations.hostContactPhone, children: orDash(s.hostContactPhone) },
    { key: 'operatorOrg', label: m.stations.operatorOrg, children: orDash(s.operatorOrgName) },
    { key: 'createdAt', label: m.stations.createdAt, children: formatDateTime(s.createdAt) },
    { key: 'updatedAt', label: m.stations.updatedAt, children: formatDateTime(s.updatedAt) },
  ];
  if (s.statusReason) items.splice(4, 0, { key: 'statusReason', label: m.stations.statusReason, children: s.statusReason });
  return items;
}

function Findings({ station }: { station: StationDetail }) {
  return (
    <Card title={m.stations.findings} size="small" data-testid="station-findings">
      {station.findings.length === 0 ? (
        <Typography.Text type="success">{m.stations.noFindings}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {station.findings.map((f) => (
            <Alert
              key={`${f.rule.id}-${f.message}`}
              type="warning"
              showIcon
              title={<span data-testid="finding-message">{f.message}</span>}
              description={
                <>
                  <div>{f.rule.title}</div>
                  <RuleTag rule={f.rule} />
                </>
              }
            />
          ))}
        </Flex>
      )}
    </Card>
  );
}

export default function StationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  // Back to the list with its filters when we came from it; to the list itself after a direct visit.
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/stations'));
  const { data: station, view, refetch } = pageData(useStation(id), m.stations.notFound);
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);

  if (view) return view;

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {m.stations.backToList}
      </Button>
      <PageHeader
        docTitle={station.name}
        title={
          <Space size={8} wrap>
            <span data-testid="station-name">{station.name}</span>
            <Tooltip title={m.stations.standardNameNote}>
              <InfoCircleOutlined aria-label={m.stations.standardNameNote} style={{ fontSize: 16, color: '#8c8c8c' }} />
            </Tooltip>
            <StationStatusTag status={station.status} />
          </Space>
        }
        extra={
          <>
            <PermissionGate permission="station:update">
              <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {m.stations.edit}
              </Button>
            </PermissionGate>
            <PermissionGate permission="station:status">
              <Button icon={<SwapOutlined aria-hidden />} onClick={() => setChangingStatus(true)}>
                {m.stations.changeStatus}
              </Button>
            </PermissionGate>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Findings station={station} />
        <StationStaffingSection stationId={station.id} />
        <Card title={m.stations.detailTitle} size="small">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            items={stationItems(station)}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            <InfoCircleOutlined aria-hidden /> {m.stations.standardNameNote}
          </Typography.Paragraph>
        </Card>
      </Flex>
      {editing ? (
        <EditStationDrawer station={station} onClose={() => setEditing(false)} onConflict={refetch} />
      ) : null}
      {changingStatus ? (
        <StationStatusModal station={station} onClose={() => setChangingStatus(false)} onConflict={refetch} />
      ) : null}
    </>
  );
}
