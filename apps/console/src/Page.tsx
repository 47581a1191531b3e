import { Alert, Button, Group, Loader, Modal, Stack, Table, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

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

/** What an action did, read out (role="status") and focused: the row acted on may have left the list. */
export function Confirmation({ title, message }: { title: string; message: string | null }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) alert.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <Alert color="dure" role="status" ref={alert} tabIndex={-1} title={title}>
      {message}
    </Alert>
  );
}

/** A dialog's form: its fields, what the server refused, then cancel and the action. */
export function ActionForm({
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
  children,
}: {
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  pending: boolean;
  error: Error | null;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {children}
        <ErrorMessage error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            취소
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A dialog's form of one required text (a reason, a message): blank is refused here, on the field, which takes the focus. */
export function TextForm({
  label,
  description,
  missing,
  onSubmit,
  ...form
}: {
  label: string;
  description?: string;
  missing: string;
  submitLabel: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  pending: boolean;
  error: Error | null;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = () => {
    if (text.trim()) return onSubmit(text);
    setProblem(missing);
    field.current?.focus();
  };
  return (
    <ActionForm {...form} onSubmit={submit}>
      <Textarea
        ref={field}
        label={label}
        description={description}
        required
        autosize
        minRows={3}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={problem}
      />
    </ActionForm>
  );
}

/**
 * One action at a time on a screen's rows, in a dialog, then its confirmation: `start` opens it, `finish`
 * closes it with what was done (the focus then goes to the confirmation, the row may be gone).
 */
export function useRowAction<Action>() {
  const [acting, setActing] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    acting,
    done,
    start: (action: Action) => {
      setDone(null);
      setActing(action);
    },
    cancel: () => setActing(null),
    finish: (message: string) => {
      setDone(message);
      setActing(null);
    },
  };
}

/**
 * The last non-empty title: a dialog whose subject is cleared as it closes keeps its name (what a screen
 * reader announces, and what axe checks) through the closing transition.
 */
export function useRetainedTitle(title: string | undefined): string | undefined {
  const [retained, setRetained] = useState(title);
  if (title && title !== retained) setRetained(title);
  return title || retained;
}

/** The dialog of `useRowAction`: open while acting; the focus goes back to the row's button only when nothing was done. */
export function RowActionDialog({
  title,
  action,
  size,
  children,
}: {
  title: string;
  action: { acting: unknown; done: string | null; cancel: () => void };
  size?: string;
  children: ReactNode;
}) {
  const shownTitle = useRetainedTitle(title);
  return (
    <Modal
      opened={action.acting !== null}
      onClose={action.cancel}
      title={shownTitle}
      size={size}
      closeButtonProps={{ 'aria-label': '닫기' }}
      returnFocus={action.done === null}
    >
      {children}
    </Modal>
  );
}
