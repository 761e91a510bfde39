import type { StationDetail } from '../../../shared/contracts/stations';
import { STATION_STATUSES, STATION_STATUS_LABELS, type StationStatus } from '../../../shared/rules/station-venue';
import { StatusModal } from '../../components/StatusModal';
import { m } from '../../i18n';
import { useChangeStationStatus } from './stations.api';

// Suspending or revoking a station takes it out of the coverage count: ask twice.
const DRASTIC: readonly StationStatus[] = ['suspended', 'revoked'];

export function StationStatusModal({
  station,
  onClose,
  onConflict,
}: {
  station: StationDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const change = useChangeStationStatus(station.id);
  return (
    <StatusModal
      statuses={STATION_STATUSES}
      labels={STATION_STATUS_LABELS}
      current={station.status}
      texts={m.stations}
      reasonMax={500}
      send={(v) => change.mutateAsync({ version: station.version, status: v.status, reason: v.reason })}
      pending={change.isPending}
      confirm={(s) =>
        DRASTIC.includes(s) ? { title: m.stations.confirmStatusTitle(STATION_STATUS_LABELS[s]), content: m.stations.confirmStatusContent, danger: true } : null
      }
      onClose={onClose}
      onConflict={onConflict}
    />
  );
}
