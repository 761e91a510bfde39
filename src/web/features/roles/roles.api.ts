import { useQuery } from '@tanstack/react-query';
import { listRoles } from '../../../shared/contracts/users';
import { api } from '../../lib/api';

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api(listRoles), staleTime: 5 * 60_000 });
}
