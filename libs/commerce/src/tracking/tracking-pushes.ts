import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection } from '../../../common/src/index.js';
import { ReturnPickups } from '../return-pickups.js';
import { ShipmentService } from '../shipments.service.js';
import type { PushedParcelProgress } from './tracking-provider.js';

/**
 * A provider's pushes (docs/RULES.md §17–18), each applied once per (provider, eventId): to the order's parcel
 * with its carrier and number, else to the accepted return whose pick-up waybill it is. Pushes about parcels
 * Dure does not know are kept as seen. Returns how many were new.
 */
@Injectable()
export class TrackingPushes {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly shipments: ShipmentService,
    private readonly pickups: ReturnPickups,
  ) {}

  async apply(ctx: RequestContext, provider: string, pushes: readonly PushedParcelProgress[]): Promise<number> {
    let applied = 0;
    for (const push of pushes) {
      const [inserted]: unknown[] = await this.connection
        .manager(ctx)
        .query(`INSERT INTO tracking_webhook_event (provider, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`, [
          provider,
          push.eventId,
          this.clock.now(),
        ]);
      if (!inserted) continue;
      applied++;
      if (!(await this.shipments.applyPush(ctx, push))) await this.pickups.applyPush(ctx, push);
    }
    return applied;
  }
}
