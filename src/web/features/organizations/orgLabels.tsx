import { Tag } from 'antd';
import { ORG_STATUS_LABELS, type OrgStatus } from '../../../shared/rules/organizations';

const STATUS_COLORS: Record<OrgStatus, string> = {
  active: 'success',
  suspended: 'warning',
  barred: 'error',
};

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ORG_STATUS_LABELS[status]}</Tag>;
}
