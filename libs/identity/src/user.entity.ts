import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person signed up to Dure. `email` and `phone` are private: their resolvers check who asks. */
@ObjectType({ description: 'A person with a Dure account: buyer, organization member, market creator or operator.' })
@Entity('user_account')
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'citext', unique: true })
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Field({ description: 'Display name, normalized (1–100 visible characters); public.' })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field({ description: 'Whether the user is a platform operator (staff with access to every agency and the ledger).' })
  @Column({ name: 'is_operator', type: 'boolean', default: false })
  isOperator: boolean;

  @Field({ description: 'When the account was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
