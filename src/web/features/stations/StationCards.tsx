import { Card, Empty, Flex, Pagination, Typography } from 'antd';
import { Link } from 'react-router';
import type { StationListItem } from '../../../shared/contracts/stations';
import { VENUE_TYPE_LABELS } from '../../../shared/rules/station-venue';
import { orDash } from '../../lib/format';
import { m } from '../../i18n';
import { StationStatusTag } from './stationLabels';

/** On a phone: one card per station, the name as the link, then what matters at a glance. */
export function StationCards(props: {
  items: StationListItem[];
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  if (!props.loading && props.items.length === 0) return <Empty description={m.stations.empty} />;
  return (
    <Flex vertical gap={12} data-testid="station-cards">
      {props.items.map((s) => (
        <Card key={s.id} size="small" loading={props.loading}>
          <Flex justify="space-between" align="start" gap={8}>
            <Link to={`/stations/${s.id}`} style={{ fontWeight: 600 }}>
              {s.name}
            </Link>
            <StationStatusTag status={s.status} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {s.countyShortName} · {s.townName} · {VENUE_TYPE_LABELS[s.venueType]}
          </Typography.Text>
          <div style={{ marginTop: 4, wordBreak: 'break-all' }}>{orDash(s.address)}</div>
        </Card>
      ))}
      {props.loading && props.items.length === 0 ? <Card size="small" loading /> : null}
      <Pagination
        simple
        align="center"
        current={props.page}
        pageSize={props.pageSize}
        total={props.total}
        onChange={props.onPage}
      />
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {m.common.total(props.total)}
      </Typography.Text>
    </Flex>
  );
}
