import { FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Statistic, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { applicationDocx, replyDocx, type Application, type ClosingReport } from '../../../shared/contracts/applications';
import { PLATFORM_RULES, type ApplicationDecision } from '../../../shared/rules/platform';
import { LoadError, NotFoundResult, PageLoading } from '../../components/PageStates';
import { PageHeader } from '../../components/PageHeader';
import { RuleTag } from '../../components/RuleTag';
import { apiUrl, isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ApplicationForm, toBody, type ApplicationValues } from './ApplicationForm';
import { useApplication, useDecideApplication, useSubmitApplication, useUpdateApplication } from './applications.api';
import { ApplicationStatusTag, t } from './labels';

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { data, isPending, error, refetch } = useApplication(id);
  if (isPending) return <PageLoading />;
  if (isApiError(error, 'NOT_FOUND') || isApiError(error, 'VALIDATION_FAILED')) return <NotFoundResult subTitle={t.notFound} />;
  if (!data) return <LoadError error={error} onRetry={() => void refetch()} />;
  return <ApplicationScreen a={data} refetch={refetch} />;
}

function ApplicationScreen({ a, refetch }: { a: Application; refetch: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [form] = Form.useForm<ApplicationValues>();
  const update = useUpdateApplication(a.id);
  const submit = useSubmitApplication(a.id);
  const reportError = useReportError();
  const { message, modal } = App.useApp();

  const onError = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT')) {
      void refetch();
    }
    reportError(e, form);
  };

  const onSubmit = () =>
    modal.confirm({
      title: t.submitTitle,
      content: t.submitConfirm(a.decidingBureau),
      okText: t.submit,
      cancelText: '取消',
      onOk: () => submit.mutateAsync({ version: a.version }).then(() => message.success(t.submitted), onError),
    });

  const decided = a.status === 'accepted' || a.status === 'refused' || a.status === 'changes_requested';
  return (
    <>
      <PageHeader
        title={a.title}
        docTitle={a.title}
        extra={
          <>
            {a.canEdit ? <Button onClick={() => setEditing(true)} data-testid="edit-application">{t.edit}</Button> : null}
            {a.canEdit ? <Button type="primary" loading={submit.isPending} onClick={onSubmit} data-testid="submit-application">{t.submit}</Button> : null}
            {a.canDecide ? <Button type="primary" onClick={() => setDeciding(true)} data-testid="decide-application">{t.decide}</Button> : null}
            <Button icon={<FileWordOutlined aria-hidden />} href={apiUrl(applicationDocx, { params: { id: a.id } })} download data-testid="download-application">
              {t.downloadApplication}
            </Button>
            {decided ? (
              <Button icon={<FileWordOutlined aria-hidden />} href={apiUrl(replyDocx, { params: { id: a.id } })} download data-testid="download-reply">
                {t.downloadReply}
              </Button>
            ) : null}
          </>
        }
      >
        <div style={{ marginTop: 8 }}>
          <ApplicationStatusTag status={a.status} />
          <RuleTag rule={PLATFORM_RULES['R-PLATFORM-APPLY']} />
        </div>
      </PageHeader>
      {a.status === 'changes_requested' || a.status === 'refused' ? (
        <Alert
          type={a.status === 'refused' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="application-decision"
          title={`${a.decidingBureau}：${a.status === 'refused' ? t.decisions.refused : t.decisions.changes_requested}`}
          description={a.decisionComment}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t.department}>{a.department}</Descriptions.Item>
              <Descriptions.Item label={t.bureau}>{a.decidingBureau}</Descriptions.Item>
              <Descriptions.Item label={t.purpose} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.purpose}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t.items} span={2}>{a.items.map((i) => i.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t.stations} span={2}>{a.stations.map((s) => s.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t.period}>{`${a.periodStart} 至 ${a.periodEnd}`}</Descriptions.Item>
              <Descriptions.Item label={t.targetPeople}>{a.targetPeople}</Descriptions.Item>
              <Descriptions.Item label={t.fundedBy}>{a.fundedBy}</Descriptions.Item>
              <Descriptions.Item label={t.providedBy}>{a.providedBy}</Descriptions.Item>
              <Descriptions.Item label={t.contact}>{a.contact || '—'}</Descriptions.Item>
              <Descriptions.Item label={t.applicant}>{a.applicantName}</Descriptions.Item>
              <Descriptions.Item label={t.submittedAt}>{a.submittedAt ? formatDateTime(a.submittedAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t.decidedAt}>{a.decidedAt ? formatDateTime(a.decidedAt) : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          {a.closingReport ? <ClosingReportCard r={a.closingReport} /> : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t.history}>
            <Timeline
              items={a.history.map((h) => ({
                content: (
                  <>
                    <Typography.Text strong>{h.event}</Typography.Text>　{h.by}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(h.at)}</Typography.Text>
                    {h.comment ? <div>{h.comment}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {editing ? (
        <ApplicationForm
          application={a}
          form={form}
          pending={update.isPending}
          onClose={() => setEditing(false)}
          onFinish={(v) =>
            update.mutate({ version: a.version, application: toBody(v) }, {
              onSuccess: () => {
                message.success(t.saved);
                setEditing(false);
              },
              onError,
            })
          }
        />
      ) : null}
      {deciding ? <DecideModal a={a} onClose={() => setDeciding(false)} /> : null}
    </>
  );
}

function DecideModal({ a, onClose }: { a: Application; onClose: () => void }) {
  const [form] = Form.useForm<{ decision: ApplicationDecision; comment?: string }>();
  const decide = useDecideApplication(a.id);
  const reportError = useReportError();
  const { message } = App.useApp();
  const decision = Form.useWatch('decision', form);
  return (
    <Modal
      open
      title={t.decide}
      okText={t.decide}
      cancelText="取消"
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'accepted' }}
        onFinish={(v) =>
          decide.mutate(
            { version: a.version, decision: v.decision, comment: v.comment?.trim() ?? '' },
            { onSuccess: () => { message.success(t.decided); onClose(); }, onError: (e) => reportError(e, form) },
          )
        }
      >
        <Form.Item label={t.decision} name="decision">
          <Radio.Group
            options={(['accepted', 'changes_requested', 'refused'] as const).map((d) => ({ value: d, label: t.decisions[d] }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          label={t.decisionComment}
          name="comment"
          rules={decision && decision !== 'accepted' ? [{ required: true, whitespace: true, message: t.decisionCommentRequired }] : []}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} aria-label={t.decisionComment} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClosingReportCard({ r }: { r: ClosingReport }) {
  return (
    <Card size="small" title={t.report} style={{ marginTop: 16 }} data-testid="closing-report">
      <Typography.Paragraph type="secondary">{t.reportNote(r.asOf)}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}><Statistic title={t.records} value={r.records} data-testid="report-records" /></Col>
        <Col xs={12} md={8}><Statistic title={t.homeVisits} value={r.homeVisits} /></Col>
        <Col xs={12} md={8}><Statistic title={t.hours} value={r.hours} data-testid="report-hours" /></Col>
        <Col xs={12} md={8}><Statistic title={t.groupSessions} value={r.groupSessions} /></Col>
        <Col xs={12} md={8}><Statistic title={t.peopleServed} value={r.peopleServed} data-testid="report-people" /></Col>
        <Col xs={12} md={8}><Statistic title={t.volunteerHours} value={r.volunteerHours} /></Col>
      </Row>
      {r.byStation.length ? (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          rowKey="stationId"
          title={() => t.byStation}
          dataSource={r.byStation}
          scroll={{ x: 480 }}
          columns={[
            { title: t.station, dataIndex: 'stationName', key: 'station' },
            { title: t.records, dataIndex: 'records', key: 'records', width: 90 },
            { title: t.hours, dataIndex: 'hours', key: 'hours', width: 120 },
            { title: t.groupSessions, dataIndex: 'groupSessions', key: 'sessions', width: 140 },
          ]}
        />
      ) : null}
      {r.byItem.length ? (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          rowKey="itemName"
          title={() => t.byItem}
          dataSource={r.byItem}
          columns={[
            { title: t.item, dataIndex: 'itemName', key: 'item' },
            { title: t.records, dataIndex: 'records', key: 'records', width: 90 },
            { title: t.hours, dataIndex: 'hours', key: 'hours', width: 120 },
          ]}
        />
      ) : null}
    </Card>
  );
}
