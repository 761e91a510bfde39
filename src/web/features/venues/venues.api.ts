import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { getStation, listStations } from '../../../shared/contracts/stations';
import { cancelBooking, createBooking, createRoom, listBookings, listRooms, venueUsage } from '../../../shared/contracts/venues';
import { api } from '../../lib/api';

export type RoomBody = BodyOf<typeof createRoom>;
export type BookingBody = BodyOf<typeof createBooking>;
export type RoomsQuery = QueryOf<typeof listRooms>;
export type UsageQuery = QueryOf<typeof venueUsage>;

export const useRooms = (query: RoomsQuery) =>
  useQuery({ queryKey: ['venues', 'rooms', query], queryFn: () => api(listRooms, { query }), placeholderData: keepPreviousData });
export const useBookings = (roomId: string | undefined, from: string, to: string) =>
  useQuery({
    queryKey: ['venues', 'bookings', roomId, from, to],
    queryFn: () => api(listBookings, { params: { id: roomId ?? '' }, query: { from, to } }),
    enabled: Boolean(roomId),
  });
export const useUsage = (query: UsageQuery) =>
  useQuery({ queryKey: ['venues', 'usage', query], queryFn: () => api(venueUsage, { query }), placeholderData: keepPreviousData });

/** Stations in the user's scope whose name holds the keyword: one short page, searched by the server. */
export const useStationSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['stations', 'search', q],
    queryFn: () => api(listStations, { query: { q: q || undefined, pageSize: 20 } }),
    staleTime: 60_000,
    enabled,
  });
export const useStationName = (id: string | undefined) =>
  useQuery({ queryKey: ['stations', 'detail', id ?? ''], queryFn: () => api(getStation, { params: { id: id ?? '' } }), enabled: Boolean(id), select: (s) => s.name });

function useWrite<T>(fn: (v: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['venues'] }) });
}
export const useCreateRoom = () => useWrite((body: RoomBody) => api(createRoom, { body }));
export const useBook = () => useWrite((body: BookingBody) => api(createBooking, { body }));
export const useCancelBooking = () => useWrite((id: string) => api(cancelBooking, { params: { id } }));
