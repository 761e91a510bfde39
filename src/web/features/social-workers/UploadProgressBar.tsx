import { Progress, Typography } from 'antd';
import { zhCNStaffing as t } from '../../i18n/zh-CN.staffing';
import type { UploadProgress } from './upload';

/** The bytes sent so far, then an active bar while the server reads the file. */
export function UploadProgressBar({ progress }: { progress: UploadProgress | null }) {
  if (!progress) return null;
  const processing = progress.phase === 'processing';
  return (
    <div data-testid="upload-progress" aria-live="polite">
      <Progress percent={progress.percent} status="active" size="small" showInfo={!processing} />
      <Typography.Text type="secondary">
        {processing ? t.upload.processing : t.upload.uploading(progress.percent)}
      </Typography.Text>
    </div>
  );
}
