import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
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
function useWrite<T>(fn: (v: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['venues'] }) });
}
export const useCreateRoom = () => useWrite((body: RoomBody) => api(createRoom, { body }));
export const useBook = () => useWrite((body: BookingBody) => api(createBooking, { body }));
export const useCancelBooking = () => useWrite((id: string) => api(cancelBooking, { params: { id } }));
