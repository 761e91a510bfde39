import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadEvaluationFile } from '../../../shared/contracts/evaluations';
import type { FileMeta } from '../../../shared/contracts/organizations';
import { apiUrl } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { UploadProgressBar } from '../social-workers/UploadProgressBar';
import { formatSize, type UploadProgress } from '../social-workers/upload';
import { useUploadEvaluationFile } from './evaluations.api';

const t = m.reports.evaluations;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

/** 佐证材料 of one indicator (`code`) or of the whole evaluation: downloads, and an upload while it is open. */
export function EvidenceFiles({
  evaluationId,
  code,
  files,
  canUpload,
  label,
}: {
  evaluationId: string;
  code?: string;
  files: FileMeta[];
  canUpload: boolean;
  label?: string;
}) {
  const upload = useUploadEvaluationFile(evaluationId);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const report = useReportError();
  const { message } = App.useApp();
  const start = (file: File) =>
    upload.mutate(
      { file, code, onProgress: setProgress },
      {
        onSuccess: (meta) => message.success(m.reports.common.uploaded(meta.name)),
        onError: (e) => report(e),
        onSettled: () => setProgress(null),
      },
    );
  if (!canUpload && files.length === 0) return null;
  return (
    <Flex vertical gap={4} data-testid={code ? `evidence-${code}` : 'evidence-general'}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{label ?? t.files}：</Typography.Text>
        {files.length === 0 ? <Typography.Text type="secondary">{t.noFiles}</Typography.Text> : null}
        {files.map((f) => (
          <Button
            key={f.id}
            size="small"
            type="link"
            href={apiUrl(downloadEvaluationFile, { params: { id: evaluationId, fileId: f.id } })}
            download
            icon={<DownloadOutlined aria-hidden />}
            style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', wordBreak: 'break-all', textAlign: 'start' }}
          >
            {f.name}（{formatSize(f.size)}）
          </Button>
        ))}
        {canUpload ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              start(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
              {t.uploadEvidence}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <UploadProgressBar progress={progress} />
    </Flex>
  );
}
