import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { ClientListItem } from '../../../shared/contracts/clients';
import { m } from '../../i18n';
import { ClientStatusTag, RiskTag, TargetGroupTags } from './clientLabels';

const t = m.daily.clients;

/** One client on a phone: name as the link, age and village, groups and risk at a glance. */
export function ClientCard({ client, showStation }: { client: ClientListItem; showStation?: boolean }) {
  return (
    <Card size="small" data-testid="client-card">
      <Flex justify="space-between" align="start" gap={8}>
        <Link to={`/clients/${client.id}`} style={{ fontWeight: 600, fontSize: 16 }}>
          {client.name}
        </Link>
        <Flex gap={4}>
          <RiskTag risk={client.riskLevel} />
          {client.status !== 'active' ? <ClientStatusTag status={client.status} /> : null}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {t.sex[client.sex]} · {t.age(client.age)} · {client.villageName}
        {showStation ? ` · ${client.stationName}` : ''}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <TargetGroupTags groups={client.targetGroups} />
      </div>
    </Card>
  );
}
