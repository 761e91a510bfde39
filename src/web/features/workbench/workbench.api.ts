import { useQuery } from '@tanstack/react-query';
import { workbench } from '../../../shared/contracts/workbench';
import { api } from '../../lib/api';

/**
 * The signed-in user's to-do list and menu counts; the menu and the page share one request. The
 * page asks afresh each time it opens (`fresh`), so work done elsewhere has left its list.
 */
export function useWorkbench(options: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: ['workbench'],
    queryFn: () => api(workbench),
    staleTime: 60_000,
    ...(options.fresh ? { refetchOnMount: 'always' as const } : {}),
  });
}
