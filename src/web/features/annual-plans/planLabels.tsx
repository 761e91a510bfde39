import { Tag } from 'antd';
import {
  PLAN_STATUS_LABELS,
  PLAN_TIMELINESS_LABELS,
  type PlanStatus,
  type PlanTimeliness,
} from '../../../shared/rules/purchase';

const STATUS_COLORS: Record<PlanStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  filed: 'success',
  returned: 'warning',
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{PLAN_STATUS_LABELS[status]}</Tag>;
}

// R-PLAN-DUE: a late submission and a missing one past 31 March are red wherever they show.
const TIMELINESS_COLORS: Record<PlanTimeliness, string> = {
  on_time: 'success',
  late: 'error',
  pending: 'default',
  overdue: 'error',
};

export function TimelinessTag({ timeliness }: { timeliness: PlanTimeliness }) {
  return (
    <Tag color={TIMELINESS_COLORS[timeliness]} data-testid="plan-timeliness">
      {PLAN_TIMELINESS_LABELS[timeliness]}
    </Tag>
  );
}
