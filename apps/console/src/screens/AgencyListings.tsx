import { Badge, Button, Table, Text } from '@mantine/core';
import { AgencyListingsDocument, HideListingDocument, PublishListingDocument, type AgencyListingFragment } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { LISTING_KIND, LISTING_STATUS, LISTING_STATUS_COLOR } from '../labels';
import { ColumnHeads, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, useRowAction } from '../Page';
import { ListingEditor } from './ListingEditor';

/**
 * The agency's listings; a draft or hidden one is published here, a published one hidden (docs/RULES.md §6),
 * and any but an archived one edited.
 */
export function AgencyListings({ partnerAgencyId }: { partnerAgencyId: string }) {
  const listings = useApiQuery(AgencyListingsDocument, { partnerAgencyId });
  const publish = useApiMutation(PublishListingDocument);
  const hide = useApiMutation(HideListingDocument);
  const editing = useRowAction<AgencyListingFragment>();
  const edited = editing.acting;
  const nodes = listings.data?.partnerAgency?.listings.nodes ?? [];
  const busy = (listing: AgencyListingFragment) =>
    (publish.isPending && publish.variables?.id === listing.id) || (hide.isPending && hide.variables?.id === listing.id);
  return (
    <Page title="상품·서비스">
      <ErrorMessage error={listings.error ?? publish.error ?? hide.error} />
      <Confirmation title="저장했습니다" message={editing.done} />
      {listings.isPending && <Loading />}
      {listings.data && nodes.length === 0 && <Text>등록한 상품이나 서비스가 없습니다.</Text>}
      {nodes.length > 0 && (
        <Table>
          <Table.Caption>상품·서비스 {listings.data!.partnerAgency!.listings.totalCount}개</Table.Caption>
          <ColumnHeads names={['이름', '종류', '가격', '상태', '수정 일시', '게시', '편집']} />
          <Table.Tbody>
            {nodes.map((listing) => (
              <Table.Tr key={listing.id}>
                <Table.Th scope="row">{listing.title}</Table.Th>
                <Table.Td>{LISTING_KIND[listing.kind]}</Table.Td>
                <Table.Td>{won(listing.price)}</Table.Td>
                <Table.Td>
                  <Badge color={LISTING_STATUS_COLOR[listing.status]}>{LISTING_STATUS[listing.status]}</Badge>
                </Table.Td>
                <Table.Td>{kstDateTime(listing.updatedAt)}</Table.Td>
                <Table.Td>
                  {(listing.status === 'DRAFT' || listing.status === 'HIDDEN') && (
                    <Button size="xs" loading={busy(listing)} onClick={() => publish.mutate({ id: listing.id })} aria-label={`${listing.title} 게시`}>
                      게시
                    </Button>
                  )}
                  {listing.status === 'PUBLISHED' && (
                    <Button
                      size="xs"
                      variant="outline"
                      loading={busy(listing)}
                      onClick={() => hide.mutate({ id: listing.id })}
                      aria-label={`${listing.title} 숨기기`}
                    >
                      숨기기
                    </Button>
                  )}
                </Table.Td>
                <Table.Td>
                  {listing.status !== 'ARCHIVED' && (
                    <Button size="xs" variant="default" onClick={() => editing.start(listing)} aria-label={`${listing.title} 편집`}>
                      편집
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RowActionDialog title={`${edited?.title ?? ''} 편집`} action={editing} size="lg">
        {edited && <ListingEditor listingId={edited.id} onCancel={editing.cancel} onSaved={() => editing.finish(`${edited.title}을(를) 저장했습니다.`)} />}
      </RowActionDialog>
    </Page>
  );
}
