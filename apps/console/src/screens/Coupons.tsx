import { Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { couponInput, couponValues, type CouponFunder } from '../coupon-terms';
import { CouponForm } from '../CouponForm';
import { CouponsDocument, MeDocument, SaveCouponDocument, type CouponTermsFragment } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { COUPON_SCOPE } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/** 쿠폰 of the platform, made by operators (docs/RULES.md §19). */
export function OperatorCoupons() {
  return <Coupons funder={{ fundedBy: 'PLATFORM' }} mayMake />;
}

/** 쿠폰 an agency funds for its own listings: made by its OWNER/MANAGER, read by its STAFF (docs/RULES.md §19). */
export function AgencyCoupons({ partnerAgencyId }: { partnerAgencyId: string }) {
  // The session's own query (App asked for it already, so it comes from the cache).
  const me = useApiQuery(MeDocument, {});
  const role = me.data?.me.memberships.find((membership) => membership.organization.partnerAgency?.id === partnerAgencyId)?.role;
  return <Coupons funder={{ fundedBy: 'PARTNER_AGENCY', partnerAgencyId }} mayMake={role === 'OWNER' || role === 'MANAGER'} />;
}

/** What a coupon takes off, in words. */
function discountText(coupon: CouponTermsFragment): string {
  const cap = coupon.maxDiscount == null ? '' : ` (최대 ${won(coupon.maxDiscount)})`;
  if (coupon.discountType === 'PERCENTAGE') return `${(coupon.rateBps ?? 0) / 100}% 할인${cap}`;
  if (coupon.discountType === 'FIXED_AMOUNT') return `${won(coupon.amount ?? 0)} 할인`;
  return `배송비 지원${cap}`;
}

function scopeText(coupon: CouponTermsFragment): string {
  if (coupon.scope === 'EXHIBITION') return `기획전: ${coupon.exhibition?.title ?? '—'}`;
  if (coupon.scope === 'LISTINGS') return `${COUPON_SCOPE.LISTINGS} ${coupon.listings.length}개`;
  return COUPON_SCOPE.ALL;
}

/** The funder's coupons, newest first; those who `mayMake` them edit each in the same form and switch it on or off. */
function Coupons({ funder, mayMake }: { funder: CouponFunder; mayMake: boolean }) {
  const coupons = useApiQuery(CouponsDocument, {
    fundedBy: funder.fundedBy,
    partnerAgencyId: funder.fundedBy === 'PARTNER_AGENCY' ? funder.partnerAgencyId : null,
  });
  const toggle = useApiMutation(SaveCouponDocument);
  // null: closed; 'new': a new coupon; else the coupon being changed.
  const [editing, setEditing] = useState<CouponTermsFragment | 'new' | null>(null);
  const nodes = coupons.data?.coupons.nodes ?? [];
  return (
    <Page title="쿠폰">
      {mayMake ? (
        <Group>
          <Button onClick={() => setEditing('new')}>새 쿠폰</Button>
        </Group>
      ) : (
        <Text>쿠폰은 기관의 대표와 관리자가 만들고 바꿉니다.</Text>
      )}
      <ErrorMessage error={coupons.error ?? toggle.error} />
      {coupons.isPending && <Loading />}
      {coupons.data && nodes.length === 0 && <Text>만든 쿠폰이 없습니다.</Text>}
      {nodes.length > 0 && (
        <Table striped className="nowrap-heads">
          <Table.Caption>쿠폰 {coupons.data!.coupons.totalCount}개, 최근 순</Table.Caption>
          <ColumnHeads names={['이름', '코드', '할인', '적용 대상', '기간', '사용', '상태', ...(mayMake ? ['관리'] : [])]} />
          <Table.Tbody>
            {nodes.map((coupon) => (
              <Table.Tr key={coupon.id}>
                <Table.Th scope="row">{coupon.name}</Table.Th>
                <Table.Td className="nowrap">{coupon.code}</Table.Td>
                <Table.Td>{discountText(coupon)}</Table.Td>
                <Table.Td>{scopeText(coupon)}</Table.Td>
                <Table.Td>
                  {kstDateTime(coupon.startsAt)} ~ {kstDateTime(coupon.endsAt)}
                </Table.Td>
                <Table.Td className="nowrap">
                  {coupon.usedCount}회{coupon.totalUsageLimit != null && ` / ${coupon.totalUsageLimit}회`}
                </Table.Td>
                <Table.Td className="nowrap">
                  <Badge color={coupon.active ? 'dure' : 'gray'}>{coupon.active ? '사용 가능' : '사용 중지'}</Badge>
                </Table.Td>
                {mayMake && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setEditing(coupon)} aria-label={`${coupon.name} 수정`}>
                        수정
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        color={coupon.active ? 'red' : 'dure'}
                        loading={toggle.isPending && toggle.variables?.input.id === coupon.id}
                        onClick={() => toggle.mutate({ input: { ...couponInput(couponValues(coupon), funder, coupon), active: !coupon.active } })}
                        aria-label={`${coupon.name} ${coupon.active ? '사용 중지' : '사용 재개'}`}
                      >
                        {coupon.active ? '사용 중지' : '사용 재개'}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? '새 쿠폰' : `${editing?.name ?? ''} 수정`}
        closeButtonProps={{ 'aria-label': '닫기' }}
        size="xl"
      >
        {editing && (
          <CouponForm
            key={editing === 'new' ? 'new' : editing.id}
            coupon={editing === 'new' ? undefined : editing}
            funder={funder}
            onSaved={() => setEditing(null)}
          />
        )}
      </Modal>
    </Page>
  );
}
