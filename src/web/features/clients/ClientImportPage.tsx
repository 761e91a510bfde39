import { CheckOutlined, DownloadOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Result,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { clientImportTemplate, type ClientImportReport } from '../../../shared/contracts/clients';
import { canWriteImport, ImportHeader, ImportIssues, ImportModeChoice, ImportStats, ImportVerdict, useImportFailure, XlsxPicker } from '../../components/ImportWizard';
import { apiUrl } from '../../lib/api';
import { m } from '../../i18n';
import { UploadProgressBar } from '../social-workers/UploadProgressBar';
import type { UploadProgress } from '../social-workers/upload';
import { useImportClients, useImportClientsReport, useOwnStation, useStationOptions, type ImportMode } from './clients.api';

const t = m.daily.clientImport;

/** A dry run, remembered with what it checked: another file, station or mode needs another check. */
interface Checked {
  report: ClientImportReport;
  file: File;
  stationId: string | null;
  mode: ImportMode;
}

/**
 * 批量导入服务对象: template → station, file and mode → 校验 (a dry run with the report by row and
 * column, and the same report as Excel) → 确认导入. Uploads show their progress.
 */
export default function ClientImportPage() {
  const navigate = useNavigate();
  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const importer = useImportClients();
  const reporter = useImportClientsReport();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [pickedStation, setPickedStation] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<ImportMode>('all');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [result, setResult] = useState<ClientImportReport | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const { failed, setFileError, alert: fileAlert } = useImportFailure();
  const busy = importer.isPending || reporter.isPending;

  // A station worker imports into their own station (the server's default); others choose one.
  const stationId = own.isStationWorker ? null : (pickedStation ?? null);
  const stationReady = own.isStationWorker || stationId !== null;
  const current = checked && checked.file === file && checked.mode === mode && checked.stationId === stationId ? checked : null;
  const stale = checked !== null && current === null;


  const validate = () => {
    if (!file || !stationReady) return;
    setFileError(null);
    importer.mutate(
      { file, stationId, mode, dryRun: true, onProgress: setProgress },
      {
        onSuccess: (r) => {
          setChecked({ report: r, file, stationId, mode });
          message.success(t.validated);
        },
        onError: failed,
        onSettled: () => setProgress(null),
      },
    );
  };

  const downloadReport = () => {
    if (!file || !stationReady) return;
    reporter.mutate(
      { file, stationId, onProgress: setProgress },
      {
        onSuccess: () => message.success(t.downloadStarted),
        onError: failed,
        onSettled: () => setProgress(null),
      },
    );
  };

  const confirmImport = () => {
    if (!current) return;
    modal.confirm({
      title: t.confirmTitle,
      content: t.confirmContent(current.report.created),
      okText: t.confirmImport,
      cancelText: m.common.cancel,
      onOk: () =>
        importer
          .mutateAsync({ file: current.file, stationId: current.stationId, mode: current.mode, dryRun: false, onProgress: setProgress })
          .then((r) => {
            setResult(r);
            if (!r.written) setChecked({ ...current, report: r });
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

  const header = <ImportHeader texts={t} backTo="/clients" step={step} blocked={blocked} />;

  if (result?.written)
    return (
      <>
        {header}
        <Card data-testid="import-result">
          <Result
            status="success"
            title={t.done}
            subTitle={t.doneSummary(result.created)}
            extra={
              <Flex gap={8} wrap justify="center">
                <Button type="primary" onClick={() => void navigate('/clients')}>
                  {t.toClients}
                </Button>
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
            <Button icon={<DownloadOutlined aria-hidden />} href={apiUrl(clientImportTemplate)} download>
              {t.template}
            </Button>
          </Flex>
        </Card>
        <Card size="small" title={`2. ${t.step2}`}>
          <Flex vertical gap={12}>
            {own.isStationWorker ? (
              <Typography.Text data-testid="import-station">{own.station ? t.stationOwn(own.station.name) : m.app.loading}</Typography.Text>
            ) : (
              <div>
                <label htmlFor="import-station">
                  <Typography.Text strong>{t.station}</Typography.Text>
                </label>
                <div style={{ maxWidth: 420, marginTop: 8 }}>
                  <Select<string>
                    id="import-station"
                    aria-label={t.station}
                    placeholder={t.stationRequired}
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ width: '100%' }}
                    loading={stations.isPending}
                    disabled={busy}
                    options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    value={pickedStation}
                    onChange={setPickedStation}
                  />
                </div>
              </div>
            )}
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
                disabled={!file || !stationReady}
                loading={importer.isPending && !current}
                onClick={validate}
              >
                {t.validate}
              </Button>
              <Button icon={<DownloadOutlined aria-hidden />} disabled={!file || !stationReady} loading={reporter.isPending} onClick={downloadReport}>
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
              {canWriteImport(current.report) ? <Typography.Text>{t.willCreate(current.report.created)}</Typography.Text> : null}
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
