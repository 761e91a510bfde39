import { Tag } from 'antd';
import { PROCUREMENT_STATUS_LABELS, type ProcurementStatus } from '../../../shared/rules/purchase';

const COLORS: Record<ProcurementStatus, string> = {
  draft: 'default',
  published: 'processing',
  awarded: 'success',
  cancelled: 'default',
};

export function ProcurementStatusTag({ status }: { status: ProcurementStatus }) {
  return <Tag color={COLORS[status]}>{PROCUREMENT_STATUS_LABELS[status]}</Tag>;
}
