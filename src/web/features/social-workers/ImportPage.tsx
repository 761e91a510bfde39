import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, FileExcelOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Radio,
  Result,
  Row,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { importTemplate, type ImportReport } from '../../../shared/contracts/social-workers';
import { PageHeader } from '../../components/PageHeader';
import { apiUrl, isApiError } from '../../lib/api';
import { errorText, useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useImportReport, useImportWorkers, type ImportMode } from './social-workers.api';
import { UploadProgressBar } from './UploadProgressBar';
import type { UploadProgress } from './upload';

const t = m.staffing.import;
type Issue = ImportReport['issues'][number];

/** A dry run, remembered with the file and mode it checked: another file or mode needs another check. */
interface Checked {
  report: ImportReport;
  file: File;
  mode: ImportMode;
}

/** Nothing is written in mode all unless every row is valid; valid-only writes the valid rows. */
function canWrite(r: ImportReport): boolean {
  return r.validRows > 0 && (r.mode === 'valid-only' || r.invalidRows === 0);
}

function ReportStats({ report, showWrites }: { report: ImportReport; showWrites: boolean }) {
  const stats: [string, number, string?][] = [
    [t.rows, report.rows],
    [t.validRows, report.validRows, report.validRows > 0 ? '#389e0d' : undefined],
    [t.invalidRows, report.invalidRows, report.invalidRows > 0 ? '#cf1322' : undefined],
  ];
  if (showWrites)
    stats.push([t.createdWorkers, report.createdWorkers], [t.matchedWorkers, report.matchedWorkers], [t.createdPostings, report.createdPostings]);
  return (
    <Row gutter={[12, 12]} data-testid="import-stats">
      {stats.map(([title, value, color]) => (
        <Col key={title} xs={8} md={4}>
          <Statistic title={title} value={value} styles={color ? { content: { color } } : undefined} />
        </Col>
      ))}
    </Row>
  );
}

function Verdict({ report }: { report: ImportReport }) {
  if (report.validRows === 0) return <Alert type="error" showIcon title={t.noValidRows} />;
  if (report.invalidRows === 0) return <Alert type="success" showIcon title={t.allValid} />;
  if (report.mode === 'all') return <Alert type="error" showIcon title={t.allBlocked} />;
  return <Alert type="warning" showIcon title={t.validOnlyNote(report.invalidRows)} />;
}

const issueColumns: TableProps<Issue>['columns'] = [
  { title: t.issueSheet, dataIndex: 'sheet', key: 'sheet', width: 100 },
  { title: t.issueRow, dataIndex: 'row', key: 'row', width: 70, align: 'right' },
  { title: t.issueColumn, dataIndex: 'column', key: 'column', width: 180, render: (v: string) => v || '—' },
  { title: t.issueMessage, dataIndex: 'message', key: 'message' },
];

/**
 * 批量导入: template → choose file and mode → 校验 (a dry run with a row-by-row report, and the
 * same report as Excel) → 确认导入. Uploads show their progress.
 */
export default function ImportPage() {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const canSeeCompliance = usePermission('compliance:read');
  const importer = useImportWorkers();
  const reporter = useImportReport();
  const report = useReportError();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const busy = importer.isPending || reporter.isPending;

  // The check holds only for the file and mode it was made with.
  const current = checked && checked.file === file && checked.mode === mode ? checked : null;
  const stale = checked !== null && current === null;

  const failed = (e: unknown) => {
    // A file the server cannot read (wrong template, not .xlsx, too large): say it next to the file.
    if (isApiError(e, 'VALIDATION_FAILED') || isApiError(e, 'PAYLOAD_TOO_LARGE'))
      setFileError(isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join('；') : errorText(e));
    else report(e);
  };

  const validate = () => {
    if (!file) return;
    setFileError(null);
    importer.mutate(
      { file, mode, dryRun: true, onProgress: setProgress },
      {
        onSuccess: (r) => {
          setChecked({ report: r, file, mode });
          message.success(t.validated);
        },
        onError: failed,
        onSettled: () => setProgress(null),
      },
    );
  };

  const downloadReport = () => {
    if (!file) return;
    reporter.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: () => message.success(m.staffing.upload.downloadStarted),
        onError: failed,
        onSettled: () => setProgress(null),
      },
    );
  };

  const confirmImport = () => {
    if (!current) return;
    modal.confirm({
      title: t.confirmTitle,
      content: t.confirmContent(current.report.validRows),
      okText: t.confirmImport,
      cancelText: m.common.cancel,
      onOk: () =>
        importer
          .mutateAsync({ file: current.file, mode: current.mode, dryRun: false, onProgress: setProgress })
          .then((r) => {
            setResult(r);
            if (!r.written) setChecked({ report: r, file: current.file, mode: current.mode });
          })
          .catch(failed)
          .finally(() => setProgress(null)),
    });
  };

  const restart = () => {
    setFile(null);
    setChecked(null);
    setResult(null);
    setFileError(null);
  };

  // A check that leaves nothing to import stops at step 2, marked as failed.
  const blocked = current !== null && !canWrite(current.report);
  const step = result?.written ? 3 : current && !blocked ? 2 : file ? 1 : 0;

  const header = (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        onClick={() => void navigate('/social-workers')}
        style={{ paddingInline: 0 }}
      >
        {t.backToList}
      </Button>
      <PageHeader title={t.title} />
      {/* On a phone the numbered cards below are the steps. */}
      {isMobile ? null : (
        <Steps
          current={step}
          status={blocked ? 'error' : undefined}
          size="small"
          style={{ marginBottom: 16 }}
          items={[{ title: t.step1 }, { title: t.step2 }, { title: t.step3 }]}
        />
      )}
    </>
  );

  if (result?.written)
    return (
      <>
        {header}
        <Card data-testid="import-result">
          <Result
            status="success"
            title={t.done}
            subTitle={t.doneSummary(result.createdWorkers, result.matchedWorkers, result.createdPostings)}
            extra={
              <Flex gap={8} wrap justify="center">
                {canSeeCompliance ? (
                  <Button type="primary" onClick={() => void navigate('/compliance')}>
                    {t.toCompliance}
                  </Button>
                ) : null}
                <Button onClick={() => void navigate('/social-workers')}>{t.toWorkers}</Button>
                <Button onClick={restart}>{t.again}</Button>
              </Flex>
            }
          />
          {result.issues.length > 0 ? (
            <>
              <ReportStats report={result} showWrites={false} />
              <Typography.Title level={5}>{t.issues}</Typography.Title>
              <IssuesTable issues={result.issues} />
            </>
          ) : null}
        </Card>
      </>
    );

  return (
    <>
      {header}
      <Flex vertical gap={16}>
        <Card size="small" title={`1. ${t.step1}`}>
          <Flex vertical gap={8} align="start">
            <Typography.Text>{t.step1Hint}</Typography.Text>
            <Button icon={<DownloadOutlined aria-hidden />} href={apiUrl(importTemplate)} download>
              {t.template}
            </Button>
          </Flex>
        </Card>
        <Card size="small" title={`2. ${t.step2}`}>
          <Flex vertical gap={12}>
            <div>
              <Upload
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                disabled={busy}
                fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
                onRemove={() => {
                  setFile(null);
                  setFileError(null);
                }}
                beforeUpload={(f) => {
                  if (!f.name.toLowerCase().endsWith('.xlsx')) {
                    message.error(t.notXlsx);
                    return Upload.LIST_IGNORE;
                  }
                  setFile(f);
                  setFileError(null);
                  setResult(null);
                  return false;
                }}
              >
                <Button icon={<FileExcelOutlined aria-hidden />}>{t.chooseFile}</Button>
              </Upload>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {t.fileHint}
              </Typography.Text>
            </div>
            {fileError ? <Alert type="error" showIcon title={fileError} data-testid="import-file-error" /> : null}
            <div>
              <Typography.Text strong>{t.mode}</Typography.Text>
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as ImportMode)}
                disabled={busy}
                style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
                options={[
                  { value: 'all', label: t.modeAll },
                  { value: 'valid-only', label: t.modeValidOnly },
                ]}
              />
            </div>
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<SafetyOutlined aria-hidden />}
                disabled={!file}
                loading={importer.isPending && !current}
                onClick={validate}
              >
                {t.validate}
              </Button>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                disabled={!file}
                loading={reporter.isPending}
                onClick={downloadReport}
              >
                {t.downloadReport}
              </Button>
            </Flex>
            <UploadProgressBar progress={progress} />
            {stale ? <Alert type="info" showIcon title={t.stale} /> : null}
          </Flex>
        </Card>
        {current ? (
          <Card size="small" title={`3. ${t.report}`} data-testid="import-report">
            <Flex vertical gap={12}>
              <ReportStats report={current.report} showWrites={false} />
              <Verdict report={current.report} />
              {canWrite(current.report) ? (
                <Typography.Text>
                  {t.willWrite}
                  {t.doneSummary(current.report.createdWorkers, current.report.matchedWorkers, current.report.createdPostings)}
                </Typography.Text>
              ) : null}
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t.issues}
              </Typography.Title>
              <IssuesTable issues={current.report.issues} />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  disabled={!canWrite(current.report) || busy}
                  loading={importer.isPending}
                  onClick={confirmImport}
                >
                  {t.confirmImport}
                </Button>
                <Button icon={<UploadOutlined aria-hidden />} disabled={busy} onClick={restart}>
                  {t.again}
                </Button>
              </Flex>
            </Flex>
          </Card>
        ) : null}
        {result && !result.written ? <Alert type="warning" showIcon title={t.notWritten} /> : null}
      </Flex>
    </>
  );
}

function IssuesTable({ issues }: { issues: Issue[] }) {
  return (
    <Table<Issue>
      rowKey={(i) => `${i.sheet}-${i.row}-${i.column}-${i.message}`}
      size="small"
      columns={issueColumns}
      dataSource={issues}
      scroll={{ x: 640 }}
      data-testid="import-issues"
      locale={{ emptyText: t.noIssues }}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: true, showTotal: (n) => m.common.total(n) } : false}
    />
  );
}
