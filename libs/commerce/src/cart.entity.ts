import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One user's cart (docs/RULES.md §16). The row is locked by every change to the cart and by checkout, so
 * the line limit and what a checkout buys are decided on one consistent cart.
 */
@Entity('cart')
export class Cart {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
