import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Table, Typography, Upload, type TableProps } from 'antd';
import { useState } from 'react';
import { downloadOrganizationFile, type FileMeta } from '../../../shared/contracts/organizations';
import { apiUrl } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { UploadProgressBar } from '../social-workers/UploadProgressBar';
import { formatSize, type UploadProgress } from '../social-workers/upload';
import { useUploadOrgFile, type OrgDetail } from './organizations.api';
import { m } from '../../i18n';

const t = m.staffing.orgs;

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
};
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

/** 机构材料: the list with downloads, and an upload (org:update) showing its progress. */
export function OrgFiles({ org }: { org: OrgDetail }) {
  const upload = useUploadOrgFile(org.id);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();

  const start = (file: File) => {
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (meta) => message.success(t.uploaded(meta.name)),
        onError: (e) => report(e),
        onSettled: () => setProgress(null),
      },
    );
  };

  const hrefOf = (f: FileMeta) => apiUrl(downloadOrganizationFile, { params: { id: org.id, fileId: f.id } });
  const columns: TableProps<FileMeta>['columns'] = [
    {
      title: t.fileName,
      dataIndex: 'name',
      key: 'name',
      render: (name: string, f) => (
        <a href={hrefOf(f)} download>
          {name}
        </a>
      ),
    },
    ...(isMobile
      ? []
      : [
          { title: t.fileType, dataIndex: 'mime', key: 'mime', width: 80, render: (v: string) => TYPE_LABELS[v] ?? v },
          { title: t.fileSize, dataIndex: 'size', key: 'size', width: 100, render: (v: number) => formatSize(v) },
          { title: t.fileAt, dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
        ]),
    {
      title: t.download,
      key: 'download',
      width: 70,
      render: (_: unknown, f: FileMeta) => (
        <Button
          size="small"
          type="link"
          href={hrefOf(f)}
          download
          icon={<DownloadOutlined aria-hidden />}
          aria-label={`${t.download}：${f.name}`}
        />
      ),
    },
  ];

  return (
    <Card
      title={t.files}
      size="small"
      data-testid="org-files"
      extra={
        org.writable && (
        <PermissionGate permission="org:update">
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
              {t.upload}
            </Button>
          </Upload>
        </PermissionGate>
        )
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.filesHint}</Typography.Text>
        <UploadProgressBar progress={progress} />
        <Table<FileMeta>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={org.files}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noFiles} /> }}
        />
      </Flex>
    </Card>
  );
}
