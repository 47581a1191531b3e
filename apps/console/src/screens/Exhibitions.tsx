import { Anchor, Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ExhibitionForm } from '../ExhibitionForm';
import { ExhibitionsDocument } from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { EXHIBITION_STATUS, EXHIBITION_STATUS_COLOR } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/** 기획전: every exhibition, soonest first; a new one starts as a DRAFT and opens for its listings (docs/RULES.md §19). */
export function Exhibitions() {
  const exhibitions = useApiQuery(ExhibitionsDocument, { status: null });
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();
  const nodes = exhibitions.data?.exhibitions.nodes ?? [];
  return (
    <Page title="기획전">
      <Group>
        <Button onClick={() => setCreating(true)}>새 기획전</Button>
      </Group>
      <ErrorMessage error={exhibitions.error} />
      {exhibitions.isPending && <Loading />}
      {exhibitions.data && nodes.length === 0 && <Text>기획전이 없습니다.</Text>}
      {nodes.length > 0 && (
        <Table striped className="nowrap-heads">
          <Table.Caption>기획전 {exhibitions.data!.exhibitions.totalCount}개, 시작이 빠른 순</Table.Caption>
          <ColumnHeads names={['제목', '주소 이름', '상태', '진행', '기간', '상품']} />
          <Table.Tbody>
            {nodes.map((exhibition) => (
              <Table.Tr key={exhibition.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} href={`/exhibitions/${exhibition.slug}`}>
                    {exhibition.title}
                  </Anchor>
                </Table.Th>
                <Table.Td>{exhibition.slug}</Table.Td>
                <Table.Td>
                  <Badge color={EXHIBITION_STATUS_COLOR[exhibition.status]}>{EXHIBITION_STATUS[exhibition.status]}</Badge>
                </Table.Td>
                <Table.Td>{exhibition.live ? '진행 중' : '—'}</Table.Td>
                <Table.Td>
                  {kstDateTime(exhibition.startsAt)} ~ {kstDateTime(exhibition.endsAt)}
                </Table.Td>
                <Table.Td>{exhibition.listings.totalCount}개</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="새 기획전" closeButtonProps={{ 'aria-label': '닫기' }} size="xl">
        <ExhibitionForm onSaved={(saved) => navigate(`/exhibitions/${saved.slug}`)} />
      </Modal>
    </Page>
  );
}
