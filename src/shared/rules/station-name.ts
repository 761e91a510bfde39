/**
 * R-STATION-NAME (二（五）): the plaque name is the county unit's short name, the town's
 * name and "社会工作服务站". Derived, never typed.
 */
export function standardStationName(countyShortName: string, townName: string): string {
  return `${countyShortName}${townName}社会工作服务站`;
}
