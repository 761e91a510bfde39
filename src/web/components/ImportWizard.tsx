import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, FileExcelOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Radio, Result, Row, Statistic, Steps, Table, Typography, Upload, type TableProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../lib/api';
import { errorText, useReportError } from '../lib/errors';
import { useIsMobile } from '../lib/useIsMobile';
import { m } from '../i18n';
import { PageHeader } from './PageHeader';
import { UploadProgressBar } from '../features/social-workers/UploadProgressBar';
import type { UploadProgress } from '../features/social-workers/upload';

/** The words an import page shares (服务对象 and 驻站社工 each have their own). */
export interface ImportTexts {
  title: string;
  backToList: string;
  step1: string;
  step2: string;
  step3: string;
  rows: string;
  validRows: string;
  invalidRows: string;
  noValidRows: string;
  allValid: string;
  allBlocked: string;
  validOnlyNote: (n: number) => string;
  issueRow: string;
  issueColumn: string;
  issueMessage: string;
  issueSheet?: string;
  noIssues: string;
  notXlsx: string;
  chooseFile: string;
  fileHint: string;
  mode: string;
  modeAll: string;
  modeValidOnly: string;
}

/** The words of the whole flow: template, check, report, confirmation and result. */
export interface ImportFlowTexts extends ImportTexts {
  step1Hint: string;
  template: string;
  validate: string;
  validated: string;
  report: string;
  issues: string;
  downloadReport: string;
  confirmImport: string;
  confirmTitle: string;
  done: string;
  notWritten: string;
  again: string;
  stale: string;
}

export type ImportMode = 'all' | 'valid-only';

interface ReportShape {
  rows: number;
  validRows: number;
  invalidRows: number;
  mode: ImportMode;
}

interface IssueShape {
  row: number;
  column: string;
  message: string;
  sheet?: string;
}

interface ResultShape extends ReportShape {
  written: boolean;
  issues: IssueShape[];
}

/** Nothing is written in mode all unless every row is valid; valid-only writes the valid rows. */
export function canWriteImport(r: ReportShape): boolean {
  return r.validRows > 0 && (r.mode === 'valid-only' || r.invalidRows === 0);
}

/** Back to the list, the title, and (on a desktop) the three steps; on a phone the numbered cards are the steps. */
export function ImportHeader({ texts, backTo, step, blocked }: { texts: ImportTexts; backTo: string; step: number; blocked: boolean }) {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(backTo)} style={{ paddingInline: 0 }}>
        {texts.backToList}
      </Button>
      <PageHeader title={texts.title} />
      {isMobile ? null : (
        <Steps
          current={step}
          status={blocked ? 'error' : undefined}
          size="small"
          style={{ marginBottom: 16 }}
          items={[{ title: texts.step1 }, { title: texts.step2 }, { title: texts.step3 }]}
        />
      )}
    </>
  );
}

export function ImportStats({ texts, report, more = [] }: { texts: ImportTexts; report: ReportShape; more?: [string, number][] }) {
  const stats: [string, number, string?][] = [
    [texts.rows, report.rows],
    [texts.validRows, report.validRows, report.validRows > 0 ? '#389e0d' : undefined],
    [texts.invalidRows, report.invalidRows, report.invalidRows > 0 ? '#cf1322' : undefined],
    ...more,
  ];
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

export function ImportVerdict({ texts, report }: { texts: ImportTexts; report: ReportShape }) {
  if (report.validRows === 0) return <Alert type="error" showIcon title={texts.noValidRows} />;
  if (report.invalidRows === 0) return <Alert type="success" showIcon title={texts.allValid} />;
  if (report.mode === 'all') return <Alert type="error" showIcon title={texts.allBlocked} />;
  return <Alert type="warning" showIcon title={texts.validOnlyNote(report.invalidRows)} />;
}

/** The report row by column; a workbook of several sheets names the sheet too. */
export function ImportIssues({ texts, issues }: { texts: ImportTexts; issues: IssueShape[] }) {
  const columns: TableProps<IssueShape>['columns'] = [
    ...(texts.issueSheet ? [{ title: texts.issueSheet, dataIndex: 'sheet', key: 'sheet', width: 100 }] : []),
    { title: texts.issueRow, dataIndex: 'row', key: 'row', width: 70, align: 'right' },
    { title: texts.issueColumn, dataIndex: 'column', key: 'column', width: 160, render: (v: string) => v || '—' },
    { title: texts.issueMessage, dataIndex: 'message', key: 'message' },
  ];
  return (
    <Table<IssueShape>
      rowKey={(i) => `${i.sheet ?? ''}-${i.row}-${i.column}-${i.message}`}
      size="small"
      columns={columns}
      dataSource={issues}
      scroll={{ x: texts.issueSheet ? 640 : 520 }}
      data-testid="import-issues"
      locale={{ emptyText: texts.noIssues }}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: true, showTotal: (n) => m.common.total(n) } : false}
    />
  );
}

/** One .xlsx file; anything else is refused before it is sent. */
export function XlsxPicker({ texts, file, disabled, onChange }: { texts: ImportTexts; file: File | null; disabled: boolean; onChange: (f: File | null) => void }) {
  const { message } = App.useApp();
  return (
    <div>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        disabled={disabled}
        fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
        onRemove={() => onChange(null)}
        beforeUpload={(f) => {
          if (!f.name.toLowerCase().endsWith('.xlsx')) {
            message.error(texts.notXlsx);
            return Upload.LIST_IGNORE;
          }
          onChange(f);
          return false;
        }}
      >
        <Button icon={<FileExcelOutlined aria-hidden />}>{texts.chooseFile}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {texts.fileHint}
      </Typography.Text>
    </div>
  );
}

/** 全部有效才导入 or 仅导入有效行. */
export function ImportModeChoice({ texts, value, disabled, onChange }: { texts: ImportTexts; value: ImportMode; disabled: boolean; onChange: (m: ImportMode) => void }) {
  return (
    <div>
      <Typography.Text strong>{texts.mode}</Typography.Text>
      <Radio.Group
        value={value}
        onChange={(e) => onChange(e.target.value as ImportMode)}
        disabled={disabled}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
        options={[
          { value: 'all', label: texts.modeAll },
          { value: 'valid-only', label: texts.modeValidOnly },
        ]}
      />
    </div>
  );
}

/** A file the server cannot read (wrong template, not .xlsx, too large) is said next to the file; the rest as usual. */
export function useImportFailure() {
  const report = useReportError();
  const [fileError, setFileError] = useState<string | null>(null);
  const failed = (e: unknown) => {
    if (isApiError(e, 'VALIDATION_FAILED') || isApiError(e, 'PAYLOAD_TOO_LARGE'))
      setFileError(isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join('；') : errorText(e));
    else report(e);
  };
  const alert = fileError ? <Alert type="error" showIcon title={fileError} data-testid="import-file-error" /> : null;
  return { failed, setFileError, alert };
}

/** What one upload sends: the file, the mode, whether only to check, and where its progress goes. */
export interface ImportRun {
  file: File;
  mode: ImportMode;
  dryRun: boolean;
  onProgress: (p: UploadProgress) => void;
}

/** A dry run, remembered with what it checked: another file, scope or mode needs another check. */
interface Checked<R> {
  report: R;
  file: File;
  scope: string | null;
  mode: ImportMode;
}

/**
 * A whole import page: template → (the page's own choices, then) file and mode → 校验 (a dry run
 * with the report by row and column, and the same report as Excel) → 确认导入 → the result.
 * Uploads show their progress.
 */
export function ImportWizard<R extends ResultShape>(props: {
  texts: ImportFlowTexts;
  backTo: string;
  templateHref: string;
  /** What else a check holds for (the chosen station). */
  scope?: string | null;
  /** Whether the page's own choices are made. */
  ready?: boolean;
  /** The page's own choices above the file; disabled while busy. */
  before?: (busy: boolean) => ReactNode;
  run: (a: ImportRun) => Promise<R>;
  downloadReport: (a: Pick<ImportRun, 'file' | 'onProgress'>) => Promise<unknown>;
  downloadStarted: string;
  confirmContent: (r: R) => string;
  willWrite: (r: R) => ReactNode;
  doneSummary: (r: R) => string;
  /** The result's ways on (to the list), before 继续导入. */
  doneActions: ReactNode;
}) {
  const { texts: t, run } = props;
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [checked, setChecked] = useState<Checked<R> | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [working, setWorking] = useState<'import' | 'report' | null>(null);
  const { failed, setFileError, alert: fileAlert } = useImportFailure();
  const busy = working !== null;
  const importing = working === 'import';
  const scope = props.scope ?? null;
  const ready = (props.ready ?? true) && file !== null;

  const current = checked && checked.file === file && checked.mode === mode && checked.scope === scope ? checked : null;
  const stale = checked !== null && current === null;

  const send = <T,>(what: 'import' | 'report', call: () => Promise<T>, done: (r: T) => void) => {
    setWorking(what);
    return call()
      .then(done)
      .catch(failed)
      .finally(() => {
        setProgress(null);
        setWorking(null);
      });
  };

  const validate = () => {
    if (!file || !ready) return;
    setFileError(null);
    void send('import', () => run({ file, mode, dryRun: true, onProgress: setProgress }), (r) => {
      setChecked({ report: r, file, scope, mode });
      message.success(t.validated);
    });
  };

  const downloadReport = () => {
    if (!file || !ready) return;
    void send('report', () => props.downloadReport({ file, onProgress: setProgress }), () => message.success(props.downloadStarted));
  };

  const confirmImport = () => {
    if (!current) return;
    modal.confirm({
      title: t.confirmTitle,
      content: props.confirmContent(current.report),
      okText: t.confirmImport,
      cancelText: m.common.cancel,
      onOk: () =>
        send('import', () => run({ file: current.file, mode: current.mode, dryRun: false, onProgress: setProgress }), (r) => {
          setResult(r);
          if (!r.written) setChecked({ ...current, report: r });
        }),
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
  const header = <ImportHeader texts={t} backTo={props.backTo} step={step} blocked={blocked} />;

  if (result?.written)
    return (
      <>
        {header}
        <Card data-testid="import-result">
          <Result
            status="success"
            title={t.done}
            subTitle={props.doneSummary(result)}
            extra={
              <Flex gap={8} wrap justify="center">
                {props.doneActions}
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
            <Button icon={<DownloadOutlined aria-hidden />} href={props.templateHref} download>
              {t.template}
            </Button>
          </Flex>
        </Card>
        <Card size="small" title={`2. ${t.step2}`}>
          <Flex vertical gap={12}>
            {props.before?.(busy)}
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
              <Button type="primary" icon={<SafetyOutlined aria-hidden />} disabled={!ready} loading={importing && !current} onClick={validate}>
                {t.validate}
              </Button>
              <Button icon={<DownloadOutlined aria-hidden />} disabled={!ready} loading={working === 'report'} onClick={downloadReport}>
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
              {canWriteImport(current.report) ? <Typography.Text>{props.willWrite(current.report)}</Typography.Text> : null}
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t.issues}
              </Typography.Title>
              <ImportIssues texts={t} issues={current.report.issues} />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  disabled={!canWriteImport(current.report) || busy}
                  loading={importing}
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
