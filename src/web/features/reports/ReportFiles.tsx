import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, List, Select, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { downloadReportFile, type ReportDetail } from '../../../shared/contracts/reports';
import { apiUrl } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { UploadProgressBar } from '../social-workers/UploadProgressBar';
import { formatSize, type UploadProgress } from '../social-workers/upload';
import { useUploadReportFile, type ReportFileKind } from './reports.api';
import { m } from '../../i18n';

const t = m.reports.reports;
const c = m.reports.common;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const KINDS: ReportFileKind[] = ['needs_survey', 'service_plan', 'other'];
const KIND_COLORS: Record<ReportFileKind, string> = { needs_survey: 'cyan', service_plan: 'green', other: 'default' };

/** 附件: the needs survey and the service plan (R-START-WORK) a mid-term or final report must carry, and any others. */
export function ReportFiles({ report, canUpload }: { report: ReportDetail; canUpload: boolean }) {
  const upload = useUploadReportFile(report.id);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const needsStart = report.kind === 'midterm' || report.kind === 'final';
  const firstMissing = KINDS.find((k) => report.missing.includes(t.fileKinds[k]));
  const [kind, setKind] = useState<ReportFileKind>(firstMissing ?? (needsStart ? 'needs_survey' : 'other'));
  // Once one required attachment is in, offer the next one still missing.
  useEffect(() => {
    if (firstMissing) setKind(firstMissing);
  }, [firstMissing]);
  const reportError = useReportError();
  const { message } = App.useApp();

  const start = (file: File) =>
    upload.mutate(
      { file, kind, onProgress: setProgress },
      {
        onSuccess: (meta) => message.success(c.uploaded(meta.name)),
        onError: (e) => reportError(e),
        onSettled: () => setProgress(null),
      },
    );

  const hrefOf = (fileId: string) => apiUrl(downloadReportFile, { params: { id: report.id, fileId } });
  return (
    <Card size="small" title={t.files} data-testid="report-files">
      <Flex vertical gap={8}>
        {report.missing.length > 0 ? (
          <Alert type="error" showIcon data-testid="report-missing" title={t.missing(report.missing.join('、'))} />
        ) : null}
        {canUpload ? (
          <Flex gap={8} wrap>
            <Select<ReportFileKind>
              aria-label={t.fileKind}
              style={{ minWidth: 140, flex: '1 1 140px' }}
              value={kind}
              onChange={setKind}
              options={KINDS.map((k) => ({ value: k, label: t.fileKinds[k] }))}
            />
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                start(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
                {t.uploadAs(t.fileKinds[kind])}
              </Button>
            </Upload>
          </Flex>
        ) : null}
        {canUpload ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.filesHint}</Typography.Text> : null}
        <UploadProgressBar progress={progress} />
        <List
          size="small"
          dataSource={report.files}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c.noFiles} /> }}
          renderItem={(f) => (
            <List.Item
              key={f.id}
              data-testid="report-file"
              actions={[
                <Button
                  key="download"
                  size="small"
                  type="link"
                  href={hrefOf(f.id)}
                  download
                  icon={<DownloadOutlined aria-hidden />}
                  aria-label={`${c.download}：${f.name}`}
                />,
              ]}
            >
              <div style={{ minWidth: 0 }}>
                <Tag color={KIND_COLORS[f.kind]}>{t.fileKinds[f.kind]}</Tag>
                <a href={hrefOf(f.id)} download style={{ wordBreak: 'break-all' }}>
                  {f.name}
                </a>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {formatSize(f.size)} · {formatDateTime(f.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}
