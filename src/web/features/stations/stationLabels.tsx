import { Tag } from 'antd';
import { STATION_STATUS_LABELS, type StationStatus } from '../../../shared/rules/station-venue';

const STATUS_COLORS: Record<StationStatus, string> = {
  preparing: 'processing',
  operating: 'success',
  suspended: 'warning',
  revoked: 'default',
};

export function StationStatusTag({ status }: { status: StationStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATION_STATUS_LABELS[status]}</Tag>;
}
