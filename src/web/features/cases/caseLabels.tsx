import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDto, CaseListItem } from '../../../shared/contracts/cases';
import { CASE_APPROVAL_LABELS, CASE_STAGE_LABELS, type CaseStage } from '../../../shared/rules/case-work';
import { m } from '../../i18n';

const t = m.daily.cases;

const STAGE_COLORS: Record<CaseStage, string> = {
  intake: 'default',
  assessment: 'processing',
  planning: 'processing',
  intervention: 'blue',
  evaluation: 'cyan',
  closed: 'success',
};

export function CaseStageTag({ c }: { c: Pick<CaseDto, 'stage' | 'pendingApproval'> }) {
  return (
    <>
      <Tag color={STAGE_COLORS[c.stage]} data-testid="case-stage">
        {CASE_STAGE_LABELS[c.stage]}
      </Tag>
      {c.pendingApproval ? (
        <Tag color="warning" data-testid="case-pending">
          {t.pendingOf(CASE_APPROVAL_LABELS[c.pendingApproval])}
        </Tag>
      ) : null}
    </>
  );
}

/** The next follow-up date; red with 已逾期 when it has passed on an open case. */
export function FollowUpText({ c }: { c: Pick<CaseDto, 'nextFollowUp' | 'followUpOverdue'> }) {
  if (!c.nextFollowUp) return <Typography.Text type="secondary">{t.followUpNone}</Typography.Text>;
  return (
    <Typography.Text type={c.followUpOverdue ? 'danger' : undefined} strong={c.followUpOverdue} data-testid="follow-up">
      <ClockCircleOutlined aria-hidden /> {c.nextFollowUp}
      {c.followUpOverdue ? `（${t.followUpOverdue}）` : ''}
    </Typography.Text>
  );
}

/** One case as a short card (client, stage, follow-up): the worklist and the client's 个案 tab. */
export function CaseCard({ c, showClient = true }: { c: CaseListItem; showClient?: boolean }) {
  return (
    <Card size="small" data-testid="case-card" style={c.followUpOverdue ? { borderColor: '#ff4d4f' } : undefined}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Link to={`/cases/${c.id}`} style={{ fontWeight: 600, fontSize: 16 }}>
          {showClient ? c.clientName : `${t.openedOn} ${c.openedOn}`}
        </Link>
        <span>
          <CaseStageTag c={c} />
        </span>
      </Flex>
      <Flex justify="space-between" gap={8} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">
          {showClient ? `${t.openedOn} ${c.openedOn} · ` : ''}
          {c.workerName}
        </Typography.Text>
        {c.stage !== 'closed' ? <FollowUpText c={c} /> : c.closedOn ? <Typography.Text type="secondary">{t.closedOnText(c.closedOn)}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}
