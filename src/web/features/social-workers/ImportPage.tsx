import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { importTemplate, type ImportReport } from '../../../shared/contracts/social-workers';
import { ImportWizard } from '../../components/ImportWizard';
import { apiUrl } from '../../lib/api';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { useImportReport, useImportWorkers } from './social-workers.api';

const t = m.staffing.import;

const summary = (r: ImportReport) => t.doneSummary(r.createdWorkers, r.matchedWorkers, r.createdPostings);

/** 批量导入驻站社工: workers, certificates, training and postings from one workbook. */
export default function ImportPage() {
  const navigate = useNavigate();
  const canSeeCompliance = usePermission('compliance:read');
  const importer = useImportWorkers();
  const reporter = useImportReport();

  return (
    <ImportWizard
      texts={t}
      backTo="/social-workers"
      templateHref={apiUrl(importTemplate)}
      run={(a) => importer.mutateAsync(a)}
      downloadReport={(a) => reporter.mutateAsync(a)}
      downloadStarted={m.staffing.upload.downloadStarted}
      confirmContent={(r) => t.confirmContent(r.validRows)}
      willWrite={(r) => (
        <>
          {t.willWrite}
          {summary(r)}
        </>
      )}
      doneSummary={summary}
      doneActions={
        <>
          {canSeeCompliance ? (
            <Button type="primary" onClick={() => void navigate('/compliance')}>
              {t.toCompliance}
            </Button>
          ) : null}
          <Button onClick={() => void navigate('/social-workers')}>{t.toWorkers}</Button>
        </>
      }
    />
  );
}
