import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ReviewPartnerAgencyDocument, PartnerAgenciesDocument, type AgencySummaryFragment, type ReviewDecision } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { ORGANIZATION_KIND, SERVICE_CATEGORY } from '../labels';
import { ErrorMessage, Loading, Page } from '../Page';

/** The operator's queue of partner-agency applications waiting for a decision (docs/RULES.md §3). */
export function AgencyReview() {
  const pending = useApiQuery(PartnerAgenciesDocument, { status: 'PENDING_REVIEW' });
  return (
    <Page title="입점 심사">
      <ErrorMessage error={pending.error} />
      {pending.isPending && <Loading />}
      {pending.data?.partnerAgencies.nodes.length === 0 && <Text>심사를 기다리는 신청이 없습니다.</Text>}
      {pending.data?.partnerAgencies.nodes.map((agency) => (
        <Application key={agency.id} agency={agency} />
      ))}
    </Page>
  );
}

const DECISIONS: Array<{ decision: ReviewDecision; label: string; color: string }> = [
  { decision: 'APPROVE', label: '승인', color: 'dure' },
  { decision: 'REQUEST_CHANGES', label: '보완 요청', color: 'grape' },
  { decision: 'REJECT', label: '반려', color: 'red' },
];

function Application({ agency }: { agency: AgencySummaryFragment }) {
  const [note, setNote] = useState('');
  const review = useApiMutation(ReviewPartnerAgencyDocument);
  const headingId = `application-${agency.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            {agency.organization.name}
          </Title>
          <Text size="sm">신청 {kstDateTime(agency.appliedAt)}</Text>
        </Group>
        <Text size="sm">
          {ORGANIZATION_KIND[agency.organization.kind]} · 사업자등록번호 {agency.organization.businessRegistrationNumber} · 대표{' '}
          {agency.organization.representativeName}
        </Text>
        <Text size="sm">
          신청 등급 {agency.tier.name} (회비 {won(agency.tier.duesAmount)})
        </Text>
        <Group gap="xs">
          {agency.serviceCategories.map((category) => (
            <Badge key={category} variant="light" color="dark">
              {SERVICE_CATEGORY[category]}
            </Badge>
          ))}
        </Group>
        <Text>{agency.introduction}</Text>
        <Textarea
          label="심사 의견"
          description="보완 요청과 반려에는 신청 기관이 읽을 사유를 적어 주세요."
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorMessage error={review.error} />
        <Group>
          {DECISIONS.map(({ decision, label, color }) => (
            <Button
              key={decision}
              color={color}
              variant={decision === 'APPROVE' ? 'filled' : 'outline'}
              loading={review.isPending && review.variables?.input.decision === decision}
              onClick={() => review.mutate({ input: { id: agency.id, decision, note: note.trim() || null } })}
            >
              {label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
