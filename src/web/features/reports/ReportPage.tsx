import {
  ArrowLeftOutlined,
  CheckOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { chinaToday } from '../../../shared/rules/china-date';
import { exportReportDocx, exportReportXlsx, type ReportDetail } from '../../../shared/contracts/reports';
import { REPORT_RULES, REPORT_SECTIONS, REPORT_SECTION_LABELS, type ReportSection } from '../../../shared/rules/reports';
import { FormModal, useFormWrite } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDraftFlow } from '../../components/useDraftFlow';
import { pageData } from '../../components/PageStates';
import { Finding, RuleTag } from '../../components/RuleTag';
import { apiUrl } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { ChangedSincePanel, ReportFigures } from './ReportFigures';
import { ReportFiles } from './ReportFiles';
import { FrozenTag, HistoryTimeline, isLate, ReportKindTag, ReportStatusTag, ruleOf, TimelinessTag } from './reportLabels';
import { useReport, useReviewReport, useSubmitReport, useUpdateReport } from './reports.api';

const t = m.reports.reports;
const c = m.reports.common;
type Sections = ReportDetail['sections'];

const trimmed = (v: Partial<Sections> | undefined): Sections =>
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s, (v?.[s] ?? '').trim()])) as Sections;
const sameSections = (a: Sections, b: Sections) => REPORT_SECTIONS.every((s) => a[s] === b[s]);

export default function ReportPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/reports'));
  const { data: report, view, refetch } = pageData(useReport(id), t.notFound);
  if (view) return view;
  return <ReportScreen report={report} goBack={goBack} refetch={refetch} />;
}

/** Who may do what here (the server decides; this only hides what would be refused). */
function useAbilities(report: ReportDetail) {
  const { scope } = useCurrentUser();
  const canWrite = usePermission('report:write');
  const canReview = usePermission('report:review');
  const isAnnual = report.kind === 'district_annual';
  // A contractor writes its monthly, mid-term and final reports; a district its annual report.
  const writer = canWrite && (isAnnual ? scope.kind !== 'org' : scope.kind === 'org');
  const editable = writer && (report.status === 'draft' || report.status === 'returned');
  // The district receives the contractor's reports; the city the district's.
  const reviewer = canReview && scope.kind !== 'org' && (isAnnual ? scope.kind === 'city' : true);
  return { editable, reviewable: reviewer && report.status === 'submitted' };
}

function ReportScreen({ report, goBack, refetch }: { report: ReportDetail; goBack: () => void; refetch: () => Promise<unknown> }) {
  const isMobile = useIsMobile();
  const { editable, reviewable } = useAbilities(report);
  const [form] = Form.useForm<Sections>();
  const watched = Form.useWatch((v: Partial<Sections>) => v, form) as Partial<Sections> | undefined;
  const update = useUpdateReport(report.id);
  const submit = useSubmitReport(report.id);
  const [reviewing, setReviewing] = useState<'accepted' | 'returned' | null>(null);

  // A save or someone else's change brings a new version: show what the server holds.
  const shownVersion = useRef(report.version);
  useEffect(() => {
    if (shownVersion.current === report.version) return;
    shownVersion.current = report.version;
    form.setFieldsValue(report.sections);
  }, [report, form]);

  const dirty = editable && watched !== undefined && !sameSections(trimmed(watched), trimmed(report.sections));

  const late = chinaToday() > report.dueOn;
  const { onSave, onSubmit } = useDraftFlow(form, {
    version: report.version,
    dirty,
    save: (v) => update.mutateAsync({ version: report.version, sections: trimmed(v) }),
    submit: (version) => submit.mutateAsync({ version }),
    refetch,
    blocked: report.missing.length > 0 ? t.submitBlocked(report.missing.join('、')) : null,
    texts: t,
    confirmContent: (
      <>
        <p>{t.submitConfirm(report.dueOn)}</p>
        {late && report.firstSubmittedAt === null ? <Typography.Text type="danger">{t.submitLate(report.dueOn)}</Typography.Text> : null}
      </>
    ),
  });

  const busy = update.isPending || submit.isPending;
  const rule = report.kind === 'district_annual' ? REPORT_RULES['R-DISTRICT-REPORT'] : REPORT_RULES['R-REPORTS'];
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={report.title}
        title={
          <Space size={8} wrap>
            <span data-testid="report-title" style={{ wordBreak: 'break-word' }}>
              {report.title}
            </span>
            <ReportStatusTag status={report.status} />
            {report.frozen ? <FrozenTag /> : null}
          </Space>
        }
        extra={
          <>
            {editable ? (
              <>
                <Button icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={update.isPending} disabled={busy || !dirty}>
                  {t.save}
                </Button>
                <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={onSubmit} disabled={busy || report.missing.length > 0}>
                  {t.submit}
                </Button>
              </>
            ) : null}
            {reviewable ? (
              <>
                <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setReviewing('accepted')}>
                  {t.accept}
                </Button>
                <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReviewing('returned')}>
                  {t.return}
                </Button>
              </>
            ) : null}
            <Button icon={<FileWordOutlined aria-hidden />} href={apiUrl(exportReportDocx, { params: { id: report.id } })} download data-testid="download-docx">
              {t.downloadDocx}
            </Button>
            <Button icon={<FileExcelOutlined aria-hidden />} href={apiUrl(exportReportXlsx, { params: { id: report.id } })} download data-testid="download-xlsx">
              {t.downloadXlsx}
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        {report.status === 'returned' ? (
          <Alert type="warning" showIcon data-testid="report-returned" title={t.returnedNotice} description={report.lastComment || undefined} />
        ) : null}
        {report.status === 'submitted' ? <Alert type="info" showIcon title={t.submittedNotice} /> : null}
        {report.status === 'accepted' ? (
          <Alert type="success" showIcon title={t.acceptedNotice} description={report.lastComment || undefined} data-testid="report-accepted" />
        ) : null}
        <Card size="small" data-testid="report-header">
          <Descriptions
            size="small"
            column={isMobile ? 1 : 3}
            items={[
              { key: 'kind', label: t.kind, children: <ReportKindTag kind={report.kind} /> },
              { key: 'county', label: c.county, children: report.countyShortName },
              ...(report.orgName ? [{ key: 'org', label: t.org, children: report.orgName }] : []),
              { key: 'period', label: t.period, children: <span data-testid="report-period">{c.period(report.periodStart, report.periodEnd)}</span> },
              {
                key: 'due',
                label: t.dueOn,
                children: (
                  <Typography.Text type={isLate(report.timeliness) ? 'danger' : undefined} data-testid="report-due">
                    {report.dueOn}
                  </Typography.Text>
                ),
              },
              {
                key: 'timeliness',
                label: t.timeliness,
                children: (
                  <Space size={4} wrap>
                    <TimelinessTag timeliness={report.timeliness} />
                    <RuleTag rule={rule} />
                  </Space>
                ),
              },
              { key: 'first', label: t.firstSubmittedAt, children: formatDateTime(report.firstSubmittedAt) },
              { key: 'submitted', label: t.submittedAt, children: formatDateTime(report.submittedAt) },
              ...(report.contractId
                ? [{ key: 'contract', label: c.contract, children: <Link to={`/contracts/${report.contractId}`}>{c.view}</Link> }]
                : []),
            ]}
          />
        </Card>
        <ChangedSincePanel report={report} />
        <ReportFigures report={report} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Flex vertical gap={16}>
              <Findings report={report} />
              <Card
                size="small"
                title={editable ? t.sections : t.sectionsReadonly}
                data-testid="report-sections"
                extra={dirty ? <Typography.Text type="warning">{t.unsaved}</Typography.Text> : null}
              >
                {editable ? (
                  <Form<Sections> form={form} layout="vertical" initialValues={report.sections} disabled={busy} data-testid="sections-form">
                    {REPORT_SECTIONS.map((s) => (
                      <Form.Item key={s} label={REPORT_SECTION_LABELS[s]} name={s}>
                        <Input.TextArea
                          autoSize={{ minRows: 3, maxRows: 14 }}
                          maxLength={10000}
                          showCount
                          placeholder={`${t.sectionPlaceholder}${REPORT_SECTION_LABELS[s]}`}
                          data-testid={`section-${s}`}
                        />
                      </Form.Item>
                    ))}
                    <Button icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={update.isPending} disabled={busy || !dirty}>
                      {t.save}
                    </Button>
                  </Form>
                ) : (
                  <SectionsView sections={report.sections} />
                )}
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={16}>
              <ReportFiles report={report} canUpload={editable} />
              <HistoryTimeline events={report.history} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      {reviewing ? <ReviewModal report={report} decision={reviewing} onClose={() => setReviewing(null)} onConflict={refetch} /> : null}
    </>
  );
}

function SectionsView({ sections }: { sections: Sections }) {
  return (
    <Flex vertical gap={12}>
      {REPORT_SECTIONS.map((s: ReportSection) => (
        <div key={s} data-testid={`section-view-${s}`}>
          <Typography.Text strong>{REPORT_SECTION_LABELS[s]}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0 }} type={sections[s] ? undefined : 'secondary'}>
            {sections[s] || t.sectionsEmpty}
          </Typography.Paragraph>
        </div>
      ))}
    </Flex>
  );
}

function Findings({ report }: { report: ReportDetail }) {
  return (
    <Card size="small" title={t.findings} data-testid="report-findings">
      {report.findings.length === 0 ? (
        <Typography.Text type="success">{t.noFindings}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {report.findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} style={{ padding: '4px 0' }} data-testid="report-finding">
              <Finding rule={ruleOf(f.rule)} message={f.message} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ReviewModal({
  report,
  decision,
  onClose,
  onConflict,
}: {
  report: ReportDetail;
  decision: 'accepted' | 'returned';
  onClose: () => void;
  onConflict: () => unknown;
}) {
  const [form] = Form.useForm<{ comment: string }>();
  const review = useReviewReport(report.id);
  const returning = decision === 'returned';
  // The report re-read after someone else decided first is shown on the page, not in this dialog.
  const write = useFormWrite(form, {
    onClose,
    onConflict: () => {
      onClose();
      return onConflict();
    },
  });
  return (
    <FormModal<{ comment: string }>
      title={returning ? t.returnTitle : t.acceptTitle}
      okText={returning ? t.return : t.accept}
      danger={returning}
      form={form}
      pending={review.isPending}
      onClose={onClose}
      intro={!returning ? <Typography.Paragraph>{t.acceptConfirm}</Typography.Paragraph> : null}
      onFinish={(v) => review.mutate({ version: report.version, decision, comment: v.comment?.trim() ?? '' }, write.done(returning ? t.returned : t.accepted))}
    >
      <Form.Item
        label={returning ? t.returnComment : t.comment}
        name="comment"
        rules={returning ? [{ required: true, whitespace: true, message: t.returnCommentRequired }] : []}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
