import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../shared/contracts/http';
import { cancelBooking, createBooking, createRoom, listBookings, listRooms, venueUsage } from '../../../shared/contracts/venues';
import { api } from '../../lib/api';

export type RoomBody = BodyOf<typeof createRoom>;
export type BookingBody = BodyOf<typeof createBooking>;

export const useRooms = () => useQuery({ queryKey: ['venues', 'rooms'], queryFn: () => api(listRooms, { query: {} }) });
export const useBookings = (roomId: string | undefined) =>
  useQuery({ queryKey: ['venues', 'bookings', roomId], queryFn: () => api(listBookings, { params: { id: roomId ?? '' } }), enabled: Boolean(roomId) });
export const useUsage = () => useQuery({ queryKey: ['venues', 'usage'], queryFn: () => api(venueUsage, { query: {} }) });

function useWrite<T>(fn: (v: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['venues'] }) });
}
export const useCreateRoom = () => useWrite((body: RoomBody) => api(createRoom, { body }));
export const useBook = () => useWrite((body: BookingBody) => api(createBooking, { body }));
export const useCancelBooking = () => useWrite((id: string) => api(cancelBooking, { params: { id } }));
