import { EnvironmentOutlined, HomeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { downloadServiceRecordFile, type ServiceRecord } from '../../../shared/contracts/service-records';
import { GROUP_PHASE_LABELS, SERVICE_METHOD_LABELS, type GroupPhase } from '../../../shared/rules/case-work';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { apiUrl } from '../../lib/api';
import { NoAccess } from '../clients/clientLabels';
import { ReviewRecordButton } from './ReviewRecord';
import { m } from '../../i18n';

const t = m.daily.records;

export function RecordTags({ r }: { r: ServiceRecord }) {
  return (
    <Space size={4} wrap>
      <Tag color="blue">{SERVICE_METHOD_LABELS[r.method]}</Tag>
      {r.homeVisit ? (
        <Tag color="green" icon={<HomeOutlined aria-hidden />}>
          {t.homeVisit}
        </Tag>
      ) : null}
      {r.flaggedForReview ? <Tag color="warning">{t.flagged}</Tag> : null}
    </Space>
  );
}

export function AttachmentLinks({ r }: { r: ServiceRecord }) {
  if (r.attachments.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 4 }}>
      {r.attachments.map((f) => (
        <a key={f.id} href={apiUrl(downloadServiceRecordFile, { params: { id: r.id, fileId: f.id } })} target="_blank" rel="noopener noreferrer">
          <PaperClipOutlined aria-hidden /> {f.name}
        </a>
      ))}
    </Flex>
  );
}

/** Who wrote it down: a name; an internal id (older servers sent the user id) is not shown. */
export function recorder(r: ServiceRecord): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(r.recordedBy) ? '' : r.recordedBy;
}

/** The other workers who gave the service, by name. */
export function coWorkerNames(r: ServiceRecord): string {
  return r.coWorkers.map((w) => w.name).join('、');
}

/** One service record: what, for whom, how long, and the notes (or 无权查看). */
export function RecordCard({ r, showClients = true }: { r: ServiceRecord; showClients?: boolean }) {
  return (
    <Card size="small" data-testid="record-card">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Text strong>
          {r.date}
          {r.startTime ? ` ${r.startTime}` : ''} · {r.itemName}
        </Typography.Text>
        <RecordTags r={r} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
        {SERVICE_DOMAIN_LABELS[r.domain]} · {m.daily.common.minutes(r.durationMinutes)}
        {r.place ? ` · ${r.place}` : ''}
        {recorder(r) ? ` · ${t.recordedBy} ${recorder(r)}` : ''}
      </Typography.Text>
      {showClients && r.clients.length > 0 ? (
        <div style={{ marginTop: 4 }}>
          {r.clients.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? '、' : ''}
              <Link to={`/clients/${c.id}`}>{c.name}</Link>
            </span>
          ))}
          {r.caseId ? (
            <>
              {' · '}
              <Link to={`/cases/${r.caseId}`}>{t.caseLink}</Link>
            </>
          ) : null}
        </div>
      ) : null}
      <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {r.notes === null ? <NoAccess /> : r.notes || null}
      </div>
      {r.coWorkers.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }} data-testid="record-co-workers">
          {t.coWorkersShort}：{coWorkerNames(r)}
        </Typography.Text>
      ) : null}
      {r.volunteers.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t.volunteers}：{r.volunteers.map((v) => `${v.name}（${m.daily.common.hours(v.hours)}）`).join('、')}
        </Typography.Text>
      ) : null}
      {r.latitude !== null && r.longitude !== null ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          <EnvironmentOutlined aria-hidden /> {r.latitude.toFixed(5)}, {r.longitude.toFixed(5)}
        </Typography.Text>
      ) : null}
      {r.review ? (
        <Typography.Text type={r.flaggedForReview ? 'danger' : 'secondary'} style={{ display: 'block', marginTop: 4 }}>
          {t.reviewResult}：{r.review}
        </Typography.Text>
      ) : null}
      <AttachmentLinks r={r} />
      <ReviewRecordButton r={r} />
    </Card>
  );
}

export function PhaseTag({ g }: { g: { phase: GroupPhase } }) {
  return <Tag color={g.phase === 'closed' ? 'default' : 'processing'}>{GROUP_PHASE_LABELS[g.phase]}</Tag>;
}
