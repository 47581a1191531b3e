import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ReviewDecision, ReviewInput, TypedDocumentString } from './generated/graphql';
import { useApiMutation } from './hooks';
import { ErrorMessage, Loading } from './Page';

const DECISION_LABELS: Record<ReviewDecision, { label: string; color: string }> = {
  APPROVE: { label: '승인', color: 'dure' },
  REQUEST_CHANGES: { label: '보완 요청', color: 'grape' },
  REJECT: { label: '반려', color: 'red' },
};

interface ReviewCardProps<TResult> {
  /** The application's id, sent as `ReviewInput.id`. */
  id: string;
  /** Who applied: the card's heading, and the region's name for screen readers. */
  title: string;
  /** When it was submitted, as shown. */
  submitted: string;
  /** The review mutation of this kind of application. */
  document: TypedDocumentString<TResult, { input: ReviewInput }>;
  /** The decisions the server takes for this kind (market creators and certifications have no REQUEST_CHANGES). */
  decisions: ReviewDecision[];
  children: ReactNode;
}

/** One application in a review queue: its facts, the operator's note and a button per decision (docs/RULES.md §3, §10, §23). */
export function ReviewCard<TResult>({ id, title, submitted, document, decisions, children }: ReviewCardProps<TResult>) {
  const [note, setNote] = useState('');
  const review = useApiMutation(document);
  const headingId = `application-${id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          <Text size="sm">신청 {submitted}</Text>
        </Group>
        {children}
        <Textarea
          label="심사 의견"
          description={
            decisions.includes('REQUEST_CHANGES') ? '보완 요청과 반려에는 신청자가 읽을 사유를 적어 주세요.' : '반려에는 신청자가 읽을 사유를 적어 주세요.'
          }
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorMessage error={review.error} />
        <Group>
          {decisions.map((decision) => (
            <Button
              key={decision}
              color={DECISION_LABELS[decision].color}
              variant={decision === 'APPROVE' ? 'filled' : 'outline'}
              loading={review.isPending && review.variables?.input.decision === decision}
              onClick={() => review.mutate({ input: { id, decision, note: note.trim() || null } })}
            >
              {DECISION_LABELS[decision].label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

/** A review queue's body: loading, the refusal, or an empty line when nothing waits. */
export function QueueState({ isPending, error, empty, emptyText }: { isPending: boolean; error: Error | null; empty: boolean; emptyText: string }) {
  return (
    <>
      <ErrorMessage error={error} />
      {isPending && <Loading />}
      {empty && <Text>{emptyText}</Text>}
    </>
  );
}
