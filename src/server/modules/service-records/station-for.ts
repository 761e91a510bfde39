import { actorOf, type Ctx } from '../../platform/context';
import { invalid } from '../../platform/errors';
import { findStation, type StationJoined } from '../stations/stations.repo';

/** The station a record or group belongs to: the worker's own, or one chosen within scope. */
export async function stationFor(ctx: Ctx, stationId: string | null): Promise<StationJoined> {
  const id = stationId ?? actorOf(ctx).scope.stationId;
  const station = id ? await findStation(ctx, id) : undefined;
  if (!station || station.station.status === 'revoked') throw invalid([{ path: 'stationId', message: '请选择社工站（须在您的管辖范围内）' }]);
  return station;
}
