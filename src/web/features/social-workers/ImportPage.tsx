import { CheckOutlined, DownloadOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Result,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { importTemplate, type ImportReport } from '../../../shared/contracts/social-workers';
import { canWriteImport, ImportHeader, ImportIssues, ImportModeChoice, ImportStats, ImportVerdict, useImportFailure, XlsxPicker } from '../../components/ImportWizard';
import { apiUrl } from '../../lib/api';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { useImportReport, useImportWorkers, type ImportMode } from './social-workers.api';
import { UploadProgressBar } from './UploadProgressBar';
import type { UploadProgress } from './upload';

const t = m.staffing.import;

/** A dry run, remembered with the file and mode it checked: another file or mode needs another check. */
interface Checked {
  report: ImportReport;
  file: File;
  mode: ImportMode;
}

/**
 * 批量导入: template → choose file and mode → 校验 (a dry run with a row-by-row report, and the
 * same report as Excel) → 确认导入. Uploads show their progress.
 */
export default function ImportPage() {
  const navigate = useNavigate();
  const canSeeCompliance = usePermission('compliance:read');
  const importer = useImportWorkers();
  const reporter = useImportReport();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const { failed, setFileError, alert: fileAlert } = useImportFailure();
  const busy = importer.isPending || reporter.isPending;

  // The check holds only for the file and mode it was made with.
  const current = checked && checked.file === file && checked.mode === mode ? checked : null;
  const stale = checked !== null && current === null;


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
  const blocked = current !== null && !canWriteImport(current.report);
  const step = result?.written ? 3 : current && !blocked ? 2 : file ? 1 : 0;

  const header = <ImportHeader texts={t} backTo="/social-workers" step={step} blocked={blocked} />;

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
              <ImportStats texts={t} report={result} />
              <Typography.Title level={5}>{t.issues}</Typography.Title>
              <ImportIssues texts={t} issues={result.issues} />
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
            <XlsxPicker
              texts={t}
              file={file}
              disabled={busy}
              onChange={(f) => {
                setFile(f);
                setFileError(null);
                if (f) setResult(null);
              }}
            />
            {fileAlert}
            <ImportModeChoice texts={t} value={mode} disabled={busy} onChange={setMode} />
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
              <ImportStats texts={t} report={current.report} />
              <ImportVerdict texts={t} report={current.report} />
              {canWriteImport(current.report) ? (
                <Typography.Text>
                  {t.willWrite}
                  {t.doneSummary(current.report.createdWorkers, current.report.matchedWorkers, current.report.createdPostings)}
                </Typography.Text>
              ) : null}
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t.issues}
              </Typography.Title>
              <ImportIssues texts={t} issues={current.report.issues} />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  disabled={!canWriteImport(current.report) || busy}
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
