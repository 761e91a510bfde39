import { ArrowLeftOutlined, CheckCircleOutlined, HourglassOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Space, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import type { CaseDto } from '../../../shared/contracts/cases';
import { CASE_APPROVAL_LABELS, CASE_STAGES, CASE_STAGE_LABELS, nextStage } from '../../../shared/rules/case-work';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { formatDateTime, orDash } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { NoAccess } from '../clients/clientLabels';
import { useActionError } from '../clients/useActionError';
import { RecordTimeline } from '../service-records/ClientTimelineTab';
import { catalogueNames, useCatalogue } from '../service-records/records.api';
import { CaseStageTag, FollowUpText } from './caseLabels';
import { useCase, useSetFollowUp } from './cases.api';
import { AssessmentForm, ClosureForm, DecisionPanel, EvaluationForm, PlanForm, ReturnedNotice } from './CaseForms';
import { m } from '../../i18n';

const t = m.daily.cases;

/** The six stages of MZ/T 094: done, current (waiting when an approval is pending), to come. */
function CaseSteps({ c }: { c: CaseDto }) {
  const isMobile = useIsMobile();
  const current = CASE_STAGES.indexOf(c.stage);
  return (
    <Card size="small" data-testid="case-steps">
      <Steps
        size="small"
        responsive={false}
        titlePlacement={isMobile ? 'vertical' : 'horizontal'}
        current={current}
        status={c.stage === 'closed' ? 'finish' : 'process'}
        items={CASE_STAGES.map((s, i) => ({
          key: s,
          title: CASE_STAGE_LABELS[s],
          content: i === current && c.pendingApproval && !isMobile ? t.pending : undefined,
          icon: i === current && c.pendingApproval ? <HourglassOutlined aria-label={t.pending} /> : undefined,
        }))}
      />
    </Card>
  );
}

function FollowUp({ c, onConflict }: { c: CaseDto; onConflict: () => unknown }) {
  const canWrite = usePermission('client:write');
  const set = useSetFollowUp(c.id);
  const { handle } = useActionError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  if (c.stage === 'closed') return null;
  return (
    <Card size="small" data-testid="case-follow-up">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>
          <Typography.Text type="secondary">{t.followUp}：</Typography.Text>
          <FollowUpText c={c} />
        </span>
        {canWrite ? (
          <DatePicker
            aria-label={t.followUpSet}
            placeholder={t.followUpSet}
            inputReadOnly={isMobile}
            value={c.nextFollowUp ? dayjs(c.nextFollowUp) : null}
            disabled={set.isPending}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            onChange={(d) =>
              set.mutate(
                { version: c.version, nextFollowUp: d ? d.format('YYYY-MM-DD') : null },
                { onSuccess: () => message.success(t.followUpSaved), onError: (e) => handle(e, { onConflict }) },
              )
            }
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/** The case notes so far; null fields mean the role may not read case notes (无权查看). */
function CaseNotes({ c }: { c: CaseDto }) {
  const catalogue = useCatalogue();
  const names = catalogueNames(catalogue.data);
  const hidden = c.intakeNote === null;
  return (
    <Card size="small" title={t.notesTitle} data-testid="case-notes">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'worker', label: t.worker, children: c.workerName },
          { key: 'openedOn', label: t.openedOn, children: c.openedOn },
          ...(c.closedOn ? [{ key: 'closedOn', label: t.closedOn, children: c.closedOn }] : []),
          { key: 'intake', label: t.intakeNote, span: 'filled' as const, children: hidden ? <NoAccess /> : <span style={{ whiteSpace: 'pre-wrap' }}>{c.intakeNote}</span> },
        ]}
      />
      {c.needs && c.needs.length > 0 ? (
        <section data-testid="case-needs" style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t.needs}</Typography.Title>
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {c.needs.map((n, i) => (
              <li key={i}>
                <Tag>{SERVICE_DOMAIN_LABELS[n.domain]}</Tag>
                {n.need}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.goals && c.goals.length > 0 ? (
        <section data-testid="case-plan" style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t.plan}</Typography.Title>
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {c.goals.map((g, i) => (
              <li key={i}>
                {g.goal}
                {g.services.length > 0 ? (
                  <div>
                    {g.services.map((s) => (
                      <Tag key={s} color="blue" style={{ marginBlock: 2 }}>
                        {names.get(s) ?? s}
                      </Tag>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {c.results && c.results.length > 0 ? (
        <section data-testid="case-results" style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t.results}</Typography.Title>
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {c.results.map((r, i) => (
              <li key={i}>
                {r.goal} <Tag color={r.achieved === 'yes' ? 'success' : r.achieved === 'partly' ? 'warning' : 'default'}>{t.achievedLabels[r.achieved]}</Tag>
                {r.note ? <Typography.Text type="secondary">{r.note}</Typography.Text> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {c.closureReason ? (
        <section style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t.closureReason}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.closureReason}</Typography.Paragraph>
        </section>
      ) : null}
    </Card>
  );
}

/**
 * What comes next, with its form: 预估 after 接案, 计划 after 预估 (for approval), the approval
 * itself, 评估 during 介入, 结案 (for approval) after 评估.
 */
function NextStep({ c, onConflict }: { c: CaseDto; onConflict: () => unknown }) {
  const canWrite = usePermission('client:write');
  const canApprove = usePermission('case:approve');
  const props = { c, onConflict };

  if (c.stage === 'closed')
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        data-testid="next-step"
        title={t.closed}
        description={c.closedOn ? t.closedOnText(c.closedOn) : undefined}
      />
    );

  if (c.pendingApproval)
    return (
      <Card
        size="small"
        data-testid="next-step"
        title={
          <Space>
            <HourglassOutlined aria-hidden />
            {t.pendingOf(CASE_APPROVAL_LABELS[c.pendingApproval])}
          </Space>
        }
      >
        {canApprove ? <DecisionPanel {...props} /> : <Typography.Text type="secondary">{t.waitingApproval}</Typography.Text>}
      </Card>
    );

  if (!canWrite)
    return (
      <Card size="small" data-testid="next-step">
        <Typography.Text type="secondary">{t.readOnly}</Typography.Text>
      </Card>
    );

  // A returned plan is revised at 计划 itself; otherwise the next stage of the order.
  const target = c.stage === 'planning' ? 'planning' : c.stage === 'intervention' ? 'evaluation' : nextStage(c.stage);
  if (!target) return null;
  const form =
    target === 'assessment' ? (
      <AssessmentForm {...props} />
    ) : target === 'planning' ? (
      <PlanForm {...props} />
    ) : target === 'evaluation' ? (
      <EvaluationForm {...props} />
    ) : target === 'closed' ? (
      <ClosureForm {...props} />
    ) : null;
  return (
    <Card size="small" title={t.next(CASE_STAGE_LABELS[target])} data-testid="next-step" styles={{ header: { background: '#f0f7ff' } }}>
      <ReturnedNotice c={c} />
      {form}
    </Card>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: c, view, refetch } = pageData(useCase(id), t.notFound);
  const canWrite = usePermission('client:write');

  if (view) return view;

  const stageIndex = CASE_STAGES.indexOf(c.stage);
  const inIntervention = stageIndex >= CASE_STAGES.indexOf('intervention');
  const recordHere = canWrite && c.stage === 'intervention';
  const records = (
    <Card size="small" title={t.records} data-testid="case-records">
      {recordHere ? <Typography.Paragraph type="secondary">{t.recordsHint}</Typography.Paragraph> : null}
      <RecordTimeline caseId={c.id} clientId={c.clientId} canRecord={recordHere} />
    </Card>
  );

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(`/clients/${c.clientId}`)} style={{ paddingInline: 0 }}>
        {t.backToClient(c.clientName)}
      </Button>
      <PageHeader
        docTitle={'个案'}
        title={
          <Space size={8} wrap>
            <span data-testid="case-title">{t.title(c.clientName)}</span>
            <CaseStageTag c={c} />
          </Space>
        }
      />
      <Flex vertical gap={16}>
        <CaseSteps c={c} />
        <FollowUp c={c} onConflict={refetch} />
        {/* During 介入 the records are the work; the evaluation form follows them. */}
        {c.stage === 'intervention' ? records : null}
        <NextStep c={c} onConflict={refetch} />
        {inIntervention && c.stage !== 'intervention' ? records : null}
        <CaseNotes c={c} />
        <Card size="small" title={t.history} data-testid="case-history">
          <Timeline
            items={[...c.history].reverse().map((h, i) => ({
              key: `${h.at}-${i}`,
              content: (
                <>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {formatDateTime(h.at)}
                  </Typography.Text>
                  <Typography.Text strong>{h.event}</Typography.Text> <Typography.Text type="secondary">{orDash(h.by)}</Typography.Text>
                  {h.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div> : null}
                </>
              ),
            }))}
          />
        </Card>
      </Flex>
    </>
  );
}
