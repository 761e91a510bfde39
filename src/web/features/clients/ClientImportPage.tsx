import { Button, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { clientImportTemplate } from '../../../shared/contracts/clients';
import { ImportWizard } from '../../components/ImportWizard';
import { apiUrl } from '../../lib/api';
import { m } from '../../i18n';
import { useImportClients, useImportClientsReport, useOwnStation, useStationOptions } from './clients.api';

const t = m.daily.clientImport;

/** 批量导入服务对象 into a station: a station worker's own, or one the others choose. */
export default function ClientImportPage() {
  const navigate = useNavigate();
  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const importer = useImportClients();
  const reporter = useImportClientsReport();
  const [pickedStation, setPickedStation] = useState<string | undefined>(undefined);

  // A station worker imports into their own station (the server's default); others choose one.
  const stationId = own.isStationWorker ? null : (pickedStation ?? null);

  const stationChoice = (busy: boolean) =>
    own.isStationWorker ? (
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
    );

  return (
    <ImportWizard
      texts={t}
      backTo="/clients"
      templateHref={apiUrl(clientImportTemplate)}
      scope={stationId}
      ready={own.isStationWorker || stationId !== null}
      before={stationChoice}
      run={(a) => importer.mutateAsync({ ...a, stationId })}
      downloadReport={(a) => reporter.mutateAsync({ ...a, stationId })}
      downloadStarted={t.downloadStarted}
      confirmContent={(r) => t.confirmContent(r.created)}
      willWrite={(r) => t.willCreate(r.created)}
      doneSummary={(r) => t.doneSummary(r.created)}
      doneActions={
        <Button type="primary" onClick={() => void navigate('/clients')}>
          {t.toClients}
        </Button>
      }
    />
  );
}
