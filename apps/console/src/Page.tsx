import { Alert, Loader, Stack, Table, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * One screen: its name in the tab title and as the page's only h1, which takes the focus when the screen
 * opens so a screen reader announces where the person arrived.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · 두레 콘솔`;
    heading.current?.focus();
  }, [title]);
  return (
    <Stack gap="md">
      <Title order={1} size="h2" ref={heading} tabIndex={-1}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** What a query or mutation refused, read out at once (role="alert"). */
export function ErrorMessage({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title="요청을 처리하지 못했습니다">
      {error.message}
    </Alert>
  );
}

/** A query still on its way. */
export function Loading() {
  return <Loader aria-label="불러오는 중" />;
}

/** A table's column headings, marked as such for screen readers. */
export function ColumnHeads({ names }: { names: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {names.map((name) => (
          <Table.Th key={name} scope="col">
            {name}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
