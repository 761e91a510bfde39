import { Progress, Typography } from 'antd';
import { m } from '../../i18n';
import type { UploadProgress } from './upload';

const t = m.staffing;

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
