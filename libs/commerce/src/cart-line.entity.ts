import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Cart } from './cart.entity.js';

/** A GOODS listing in a cart and how many units; priced at the listing's current price whenever read. */
@Entity('cart_line')
@Index('cart_line_listing_uq', ['userId', 'listingId'], { unique: true })
@Check('cart_line_quantity_check', `quantity BETWEEN 1 AND 999`)
export class CartLine {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => Cart, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'cart_line_user_id_fkey' })
  cart?: Relation<Cart>;

  /** The catalog's listing (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ type: 'integer' })
  quantity: number;

  /** Lines are shown in the order they were first added. */
  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
