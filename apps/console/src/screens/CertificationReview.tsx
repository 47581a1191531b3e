import { Text } from '@mantine/core';
import { PendingCertificationsDocument, ReviewCertificationDocument } from '../generated/graphql';
import { calendarDate, kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { ORGANIZATION_KIND } from '../labels';
import { Page } from '../Page';
import { QueueState, ReviewCard } from '../ReviewCard';

/** Social-economy certifications waiting for the operator (docs/RULES.md §23): APPROVE verifies, REJECT needs a note. */
export function CertificationReview() {
  const pending = useApiQuery(PendingCertificationsDocument, {});
  return (
    <Page title="인증 심사">
      <QueueState
        isPending={pending.isPending}
        error={pending.error}
        empty={pending.data?.pendingCertifications.length === 0}
        emptyText="심사를 기다리는 인증이 없습니다."
      />
      {pending.data?.pendingCertifications.map((certification) => (
        <ReviewCard
          key={certification.id}
          id={certification.id}
          title={certification.organization.name}
          submitted={kstDateTime(certification.submittedAt)}
          document={ReviewCertificationDocument}
          decisions={['APPROVE', 'REJECT']}
        >
          <Text size="sm">
            {ORGANIZATION_KIND[certification.kind]} · 인증 번호 {certification.certificateNumber} · 사업자등록번호{' '}
            {certification.organization.businessRegistrationNumber}
          </Text>
          <Text size="sm">
            발급 {calendarDate(certification.issuedOn)} · 유효 기간 {certification.validUntil ? `${calendarDate(certification.validUntil)}까지` : '정함 없음'}
          </Text>
        </ReviewCard>
      ))}
    </Page>
  );
}
