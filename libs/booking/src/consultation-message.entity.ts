import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Consultation } from './consultation.entity.js';

@ObjectType('ConsultationMessage', { description: 'One message of a consultation, by the buyer or a member of the agency.' })
@Entity('consultation_message')
@Index('consultation_message_consultation_idx', ['consultationId', 'createdAt'])
export class ConsultationMessage {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Field({ description: 'The text, trimmed, 1–4000 characters.' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'When it was posted; messages are listed oldest first.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'consultation_message_consultation_id_fkey' })
  consultation?: Relation<Consultation>;
}
