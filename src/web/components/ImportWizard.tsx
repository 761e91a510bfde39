import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Radio, Row, Statistic, Steps, Table, Typography, Upload, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../lib/api';
import { errorText, useReportError } from '../lib/errors';
import { useIsMobile } from '../lib/useIsMobile';
import { m } from '../i18n';
import { PageHeader } from './PageHeader';

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
