import { Tag } from 'antd';
import { EVALUATION_STATUS_LABELS, type EvaluationStatus } from '../../../shared/contracts/evaluations';
import { EVALUATION_GRADE_LABELS, type EvaluationGrade } from '../../../shared/rules/purchase';

const GRADE_COLORS: Record<EvaluationGrade, string> = { excellent: 'success', good: 'processing', pass: 'warning', fail: 'error' };

export function GradeTag({ grade, testId }: { grade: EvaluationGrade; testId?: string }) {
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {EVALUATION_GRADE_LABELS[grade]}
    </Tag>
  );
}

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  return (
    <Tag color={status === 'finished' ? 'success' : 'processing'} data-testid="evaluation-status" style={{ marginInlineEnd: 0 }}>
      {EVALUATION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Two decimals at most, no trailing zeros: 85, 85.5, 85.25. */
export const points = (n: number) => String(Math.round(n * 100) / 100);
