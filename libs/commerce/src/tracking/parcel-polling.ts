import type { Logger } from '@nestjs/common';
import { TrackingUnavailableError } from './tracking-provider.js';

/**
 * One polling round over open parcels, oldest first: a provider that cannot answer now ends the round,
 * and the next poll asks again from the oldest.
 */
export async function pollRound<T extends { id: string }>(parcels: readonly T[], refresh: (parcel: T) => Promise<void>, logger: Logger): Promise<void> {
  for (const parcel of parcels) {
    try {
      await refresh(parcel);
    } catch (error) {
      if (!(error instanceof TrackingUnavailableError)) throw error;
      logger.warn({ parcelOf: parcel.id, err: error }, 'tracking provider unavailable; the next poll asks again');
      return;
    }
  }
}
